/** The staff accounts global-setup creates with `stemme user add`. */
export const STAFF = {
  admin: { email: 'admin@demo.dk', roles: ['admin'], password: 'blå hest spiser kage' },
  moderator: { email: 'moderator@demo.dk', roles: ['moderator'], password: 'blå hest spiser kage' },
  manager: { email: 'manager@demo.dk', roles: ['manager'], password: 'blå hest spiser kage' },
  facilitator: { email: 'facilitator@demo.dk', roles: ['facilitator'], password: 'blå hest spiser kage' },
} as const;
