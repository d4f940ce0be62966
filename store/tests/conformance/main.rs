//! One conformance suite for the `Store` trait and all its parts: every
//! scenario runs on SQLite and on PostgreSQL, each on a fresh database
//! (`<part>::sqlite::<scenario>`, `<part>::postgres::<scenario>`).
//! PostgreSQL must be reachable (`TEST_POSTGRES_URL`, default
//! postgres://postgres@127.0.0.1:5432/postgres): the tests fail, never skip.
//!
//! Coverage: every public method of every part (120), each with the
//! scenarios that check it (a method is also used by others; `+n more`).
//!
//! Store:
//!   engine                 root::the_store_names_its_engine_and_answers_a_ping
//!   ping                   root::the_store_names_its_engine_and_answers_a_ping
//!   stats                  root::the_store_names_its_engine_and_answers_a_ping
//!   municipalities         root::municipalities_are_listed_by_name_and_an_unknown_slug_is_none
//!                          root::seeding_a_municipality_twice_keeps_the_first_and_says_so (+1 more)
//!   municipality           root::seeding_a_municipality_twice_keeps_the_first_and_says_so
//!                          root::municipalities_are_listed_by_name_and_an_unknown_slug_is_none (+2 more)
//!   seed_municipality      root::seeding_a_municipality_twice_keeps_the_first_and_says_so
//!                          root::municipalities_are_listed_by_name_and_an_unknown_slug_is_none
//!   services               root::services_lists_only_active_services_of_the_municipality_in_display_order
//!                          root::seeding_a_municipality_twice_keeps_the_first_and_says_so (+2 more)
//!   service                root::a_service_is_found_by_slug_only_in_its_own_municipality (+2 more)
//!   questions              root::questions_lists_the_active_questions_in_display_order
//!                          root::seeding_a_municipality_twice_keeps_the_first_and_says_so (+1 more)
//!   save_rating            root::a_rating_is_stored_and_read_back_with_its_answers
//!                          governance::a_burst_of_batched_ratings_adds_up_to_what_a_rebuild_makes
//!                          root::the_same_device_replaces_its_rating_within_30_days_and_not_after (+10 more)
//!   rating_count           root::a_rating_is_stored_and_read_back_with_its_answers
//!                          root::the_same_device_replaces_its_rating_within_30_days_and_not_after (+1 more)
//!   rating                 root::a_rating_is_stored_and_read_back_with_its_answers
//!                          root::the_same_device_replaces_its_rating_within_30_days_and_not_after (+1 more)
//! StaffStore:
//!   staff_by_email         staff::an_account_is_created_once_and_found_by_email
//!                          staff::disabling_an_account_ends_its_sessions_at_once (+1 more)
//!   ensure_staff           staff::an_account_is_created_once_and_found_by_email
//!                          staff::staff_in_lists_only_the_municipality_s_people_by_email (+8 more)
//!   grant_role             staff::a_role_is_granted_once_and_revoked_once
//!                          staff::grants_list_the_operator_role_first_on_both_engines (+3 more)
//!   revoke_role            staff::a_role_is_granted_once_and_revoked_once
//!                          staff::a_municipality_s_link_is_outgrown_when_the_account_works_elsewhere
//!   grants                 staff::grants_list_the_operator_role_first_on_both_engines
//!                          staff::a_role_is_granted_once_and_revoked_once
//!   staff_in               staff::staff_in_lists_only_the_municipality_s_people_by_email
//!   set_disabled           staff::disabling_an_account_ends_its_sessions_at_once
//!                          staff::a_password_link_works_once_while_alive
//!   create_password_link   staff::a_password_link_works_once_while_alive
//!                          staff::staff_in_lists_only_the_municipality_s_people_by_email (+1 more)
//!   issue_password_link    staff::a_municipality_s_link_is_outgrown_when_the_account_works_elsewhere
//!   password_link_email    staff::a_password_link_works_once_while_alive
//!                          staff::a_municipality_s_link_is_outgrown_when_the_account_works_elsewhere
//!   password_link_outgrown staff::a_municipality_s_link_is_outgrown_when_the_account_works_elsewhere
//!   use_password_link      staff::a_password_link_works_once_while_alive
//!                          staff::a_municipality_s_link_is_outgrown_when_the_account_works_elsewhere (+1 more)
//!   create_session         staff::a_session_lives_while_used_and_dies_idle_or_old
//!                          staff::a_session_for_an_unknown_account_is_refused_and_an_id_is_used_once (+3 more)
//!   session_staff          staff::a_session_lives_while_used_and_dies_idle_or_old
//!                          staff::disabling_an_account_ends_its_sessions_at_once (+2 more)
//!   end_session            staff::a_session_lives_while_used_and_dies_idle_or_old
//!   record_login_failure   staff::sign_in_failures_are_counted_per_key_since_a_moment
//!                          staff::housekeeping_erases_by_each_municipality_s_retention_and_removes_dead_rows
//!   login_failures         staff::sign_in_failures_are_counted_per_key_since_a_moment
//!                          staff::housekeeping_erases_by_each_municipality_s_retention_and_removes_dead_rows
//!   create_api_token       staff::api_tokens_are_listed_newest_first_and_revoked_once_per_municipality
//!   api_tokens             staff::api_tokens_are_listed_newest_first_and_revoked_once_per_municipality
//!   revoke_api_token       staff::api_tokens_are_listed_newest_first_and_revoked_once_per_municipality
//!   api_token              staff::api_tokens_are_listed_newest_first_and_revoked_once_per_municipality
//!   audit                  staff::the_audit_log_is_newest_first_limited_and_per_municipality
//!   audit_log              staff::the_audit_log_is_newest_first_limited_and_per_municipality
//!   set_retention_months   staff::housekeeping_erases_by_each_municipality_s_retention_and_removes_dead_rows (+1 more)
//!   housekeeping           staff::housekeeping_erases_by_each_municipality_s_retention_and_removes_dead_rows (+1 more)
//! SecondFactorStore:
//!   totp                   second_factor::an_app_is_pending_until_confirmed_and_then_kept
//!                          second_factor::removing_the_app_ends_the_account_s_sessions_and_challenges
//!   begin_totp             second_factor::an_app_is_pending_until_confirmed_and_then_kept (+3 more)
//!   confirm_totp           second_factor::an_app_is_pending_until_confirmed_and_then_kept (+3 more)
//!   use_totp_step          second_factor::a_step_and_a_recovery_code_are_accepted_once
//!                          second_factor::an_app_is_pending_until_confirmed_and_then_kept
//!   use_recovery_code      second_factor::a_step_and_a_recovery_code_are_accepted_once
//!                          second_factor::an_app_is_pending_until_confirmed_and_then_kept
//!   recovery_codes_left    second_factor::an_app_is_pending_until_confirmed_and_then_kept (+2 more)
//!   replace_recovery_codes second_factor::an_app_is_pending_until_confirmed_and_then_kept
//!   remove_second_factor   second_factor::removing_the_app_ends_the_account_s_sessions_and_challenges
//!   create_challenge       second_factor::a_challenge_lives_ten_minutes_and_not_for_a_disabled_account (+1 more)
//!   challenge              second_factor::a_challenge_lives_ten_minutes_and_not_for_a_disabled_account (+1 more)
//!   end_challenge          second_factor::a_challenge_lives_ten_minutes_and_not_for_a_disabled_account
//!   (staff_in's has_second_factor: second_factor::staff_in_says_who_has_an_app)
//! PasskeyStore:
//!   passkeys               passkeys::passkeys_are_kept_per_account_once_per_credential
//!                          passkeys::removing_the_app_removes_the_passkeys_too
//!   add_passkey            passkeys::passkeys_are_kept_per_account_once_per_credential
//!                          passkeys::removing_the_app_removes_the_passkeys_too
//!   use_passkey            passkeys::passkeys_are_kept_per_account_once_per_credential
//!   remove_passkey         passkeys::passkeys_are_kept_per_account_once_per_credential
//!   begin_ceremony         passkeys::a_ceremony_is_taken_once_and_not_when_old
//!                          passkeys::removing_the_app_removes_the_passkeys_too
//!   take_ceremony          passkeys::a_ceremony_is_taken_once_and_not_when_old
//!                          passkeys::removing_the_app_removes_the_passkeys_too
//! SsoStore:
//!   begin_sso              sso::an_attempt_is_taken_once_and_not_when_old
//!                          sso::housekeeping_forgets_old_attempts
//!   take_sso               sso::an_attempt_is_taken_once_and_not_when_old
//!                          sso::housekeeping_forgets_old_attempts
//!   sso_account            sso::an_identity_gets_one_account_which_follows_its_e_mail
//!                          sso::a_local_account_of_the_municipality_is_taken_over_and_loses_its_password (+2 more)
//!   set_roles_in           sso::roles_in_the_municipality_become_exactly_the_mapped_ones
//!                          sso::many_first_sign_ins_at_once_all_get_their_account
//! CatalogueStore:
//!   all_services           catalogue::all_services_lists_inactive_ones_too_in_display_order
//!                          catalogue::a_service_slug_is_taken_once_per_municipality
//!   add_service            catalogue::a_service_slug_is_taken_once_per_municipality
//!                          catalogue::all_services_lists_inactive_ones_too_in_display_order (+2 more)
//!   update_service         catalogue::updating_a_service_changes_it_only_in_its_own_municipality
//!   all_questions          catalogue::all_questions_lists_every_question_with_whether_it_is_asked
//!                          catalogue::updating_a_question_changes_it_only_in_its_own_municipality
//!   add_question           catalogue::all_questions_lists_every_question_with_whether_it_is_asked
//!                          catalogue::a_question_key_is_taken_once_per_municipality (+1 more)
//!   update_question        catalogue::updating_a_question_changes_it_only_in_its_own_municipality (+1 more)
//!   accessibility          catalogue::the_accessibility_statement_is_kept_per_municipality
//!   set_accessibility      catalogue::the_accessibility_statement_is_kept_per_municipality
//! PrincipleStore:
//!   principles             principles::only_active_leaves_deactivated_principles_out
//!                          principles::a_new_principle_starts_at_version_1_at_the_end_of_the_list (+7 more)
//!   add_principle          principles::a_new_principle_starts_at_version_1_at_the_end_of_the_list
//!                          principles::a_principle_is_revised_and_deactivated_only_in_its_own_municipality (+4 more)
//!   revise_principle       principles::a_principle_is_revised_and_deactivated_only_in_its_own_municipality
//!                          principles::revising_with_new_text_adds_a_version_and_with_the_same_text_does_not
//!   set_principle_active   principles::a_principle_is_revised_and_deactivated_only_in_its_own_municipality
//!                          principles::only_active_leaves_deactivated_principles_out
//! ProposalStore:
//!   add_proposal           proposals::a_proposal_is_stored_with_its_received_event_and_found_by_id_and_receipt
//!                          proposals::a_receipt_is_used_once (+13 more)
//!   proposal               proposals::a_proposal_is_stored_with_its_received_event_and_found_by_id_and_receipt
//!                          answers::a_proposal_moves_through_its_statuses_and_a_stale_answer_is_refused (+5 more)
//!   proposal_by_receipt    proposals::a_proposal_is_stored_with_its_received_event_and_found_by_id_and_receipt
//!                          proposals::a_workshop_item_is_promoted_once_and_a_second_promotion_keeps_nothing
//!   proposals              proposals::proposals_are_per_municipality_newest_first
//!                          proposals::a_workshop_item_is_promoted_once_and_a_second_promotion_keeps_nothing
//!   device_proposals       proposals::device_proposals_are_the_device_s_own_in_its_municipality
//!   proposal_events        answers::a_proposal_moves_through_its_statuses_and_a_stale_answer_is_refused
//!                          proposals::a_proposal_is_stored_with_its_received_event_and_found_by_id_and_receipt (+2 more)
//!   set_stance             proposals::one_stance_per_device_changed_and_withdrawn
//!                          proposals::a_stance_on_an_unknown_proposal_is_refused
//!   stance                 proposals::one_stance_per_device_changed_and_withdrawn
//!   add_comment            answers::the_queue_holds_the_municipality_s_pending_texts_urgent_first_then_oldest
//!                          answers::a_text_is_decided_once_and_only_in_its_own_municipality (+3 more)
//!   comments               proposals::comments_are_oldest_first_and_only_approved_ones_are_counted
//!                          answers::a_text_is_decided_once_and_only_in_its_own_municipality (+1 more)
//!   moderation_queue       answers::the_queue_holds_the_municipality_s_pending_texts_urgent_first_then_oldest
//!                          answers::a_text_is_decided_once_and_only_in_its_own_municipality
//!   moderate               answers::a_text_is_decided_once_and_only_in_its_own_municipality
//!   answer_proposal        answers::a_proposal_moves_through_its_statuses_and_a_stale_answer_is_refused
//!                          answers::adopting_a_change_revises_the_principle_and_records_the_proposal (+2 more)
//!   set_response_days      answers::the_response_time_is_set_per_municipality
//! GovernanceStore:
//!   answer_cells           governance::answer_and_participation_cells_filter_by_month_age_band_and_channel
//!                          governance::a_rating_feeds_the_rollups_and_a_replacement_takes_back_the_old_answers (+2 more)
//!   participation_cells    governance::answer_and_participation_cells_filter_by_month_age_band_and_channel
//!   handover_cells         governance::handovers_count_where_young_people_came_from
//!   latest_comments        governance::latest_comments_are_approved_newest_first_within_the_period_per_service
//!   import_ratings         governance::imported_ratings_feed_the_rollups_now_or_at_the_rebuild
//!                          governance::maintenance_rebuilds_only_when_a_migration_asked_for_it
//!   rebuild_rollups        governance::imported_ratings_feed_the_rollups_now_or_at_the_rebuild
//!   run_maintenance        governance::maintenance_rebuilds_only_when_a_migration_asked_for_it
//!   released_figures       governance::a_released_figure_is_replaced_only_k_arrivals_later_and_never_once_frozen
//!   release_figures        governance::a_released_figure_is_replaced_only_k_arrivals_later_and_never_once_frozen
//!   set_compare_opt_in     governance::the_comparison_has_the_municipalities_that_opted_in
//!   compare_opt_in         governance::the_comparison_has_the_municipalities_that_opted_in
//!   comparison_members     governance::the_comparison_has_the_municipalities_that_opted_in
//! AssumptionStore:
//!   add_assumption         assumptions::answers_are_counted_per_assumption_from_the_ratings
//!                          assumptions::assumptions_are_per_municipality_newest_first (+1 more)
//!   assumptions            assumptions::assumptions_are_per_municipality_newest_first
//!                          assumptions::a_verdict_is_recorded_once_and_only_in_its_own_municipality
//!   record_verdict         assumptions::a_verdict_is_recorded_once_and_only_in_its_own_municipality
//!   assumption_counts      assumptions::answers_are_counted_per_assumption_from_the_ratings
//! WorkshopStore:
//!   add_workshop           workshops::a_workshop_is_stored_and_found_by_id_by_municipality_and_by_open_code
//!                          workshops::an_open_code_is_taken_once_and_free_again_when_closed (+2 more)
//!   workshop               workshops::a_workshop_is_stored_and_found_by_id_by_municipality_and_by_open_code
//!                          workshops::an_open_code_is_taken_once_and_free_again_when_closed (+1 more)
//!   workshops              workshops::a_workshop_is_stored_and_found_by_id_by_municipality_and_by_open_code
//!   open_workshop          workshops::a_workshop_is_stored_and_found_by_id_by_municipality_and_by_open_code
//!                          workshops::an_open_code_is_taken_once_and_free_again_when_closed
//!   set_workshop_state     workshops::the_state_is_saved_only_from_the_current_version_and_closing_erases_nicknames
//!                          workshop_answers::answers_are_saved_only_while_their_activity_runs (+3 more)
//!   join_workshop          workshop_answers::a_pending_idea_is_decided_once_in_its_own_workshop
//!                          workshop_answers::answers_are_saved_only_while_their_activity_runs (+6 more)
//!   participant            workshops::joining_again_keeps_the_participant_and_updates_the_nickname
//!                          workshop_answers::housekeeping_erases_old_ideas_proposal_comments_and_nicknames (+1 more)
//!   participant_count      workshops::joining_again_keeps_the_participant_and_updates_the_nickname
//!   save_responses         workshop_answers::answers_are_saved_only_while_their_activity_runs
//!                          workshop_answers::a_room_answering_at_once_keeps_each_phone_s_last_answer
//!                          workshop_answers::a_replacing_answer_removes_the_participant_s_other_rows
//!   responses              workshop_answers::answers_are_saved_only_while_their_activity_runs
//!                          workshop_answers::a_replacing_answer_removes_the_participant_s_other_rows
//!   respondents            workshop_answers::answers_are_saved_only_while_their_activity_runs
//!                          workshop_answers::a_replacing_answer_removes_the_participant_s_other_rows
//!   add_idea               workshop_answers::a_pending_idea_is_decided_once_in_its_own_workshop
//!                          workshop_answers::ideas_are_kept_while_their_activity_runs_up_to_the_limit (+1 more)
//!   ideas                  workshop_answers::ideas_are_kept_while_their_activity_runs_up_to_the_limit
//!                          workshop_answers::housekeeping_erases_old_ideas_proposal_comments_and_nicknames (+1 more)
//!   idea_authors           workshop_answers::ideas_are_kept_while_their_activity_runs_up_to_the_limit
//!   moderate_idea          workshop_answers::a_pending_idea_is_decided_once_in_its_own_workshop
//!   promotions             proposals::a_workshop_item_is_promoted_once_and_a_second_promotion_keeps_nothing
//!   workshop_ratings       workshop_answers::workshop_ratings_count_the_workshop_channel_of_the_services_in_the_period
//!   watch_workshops        workshops::other_instances_hear_of_changes_where_the_engine_has_other_instances
//!   released               workshop_answers::a_release_is_stored_once_per_version
//!   save_release           workshop_answers::a_release_is_stored_once_per_version

mod answers;
mod assumptions;
mod catalogue;
mod common;
mod governance;
mod principles;
mod proposals;
mod root;
mod passkeys;
mod second_factor;
mod sso;
mod staff;
mod workshop_answers;
mod workshops;
