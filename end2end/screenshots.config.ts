import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `make screenshots`: the five main screens at a phone's and a laptop's width,
// written to docs/screenshots/ so the README's pictures follow the code.
export default defineConfig({
  ...base,
  testDir: './screenshots',
  timeout: 60_000,
});
