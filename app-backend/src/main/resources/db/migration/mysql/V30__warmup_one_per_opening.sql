-- One warm-up per opening: the same event and time cannot be planned twice (two operators, two servers,
-- or a double click). Plans without an event (NULL) are not concerned: NULLs never collide.
CREATE UNIQUE INDEX warmup_plan_one_per_opening ON warmup_plan (scope, for_event_id, run_at);
