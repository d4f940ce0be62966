-- The release rule (README "Release rule", domain::governance::release):
-- every figure a reader sees is a stored released value, replaced only when
-- at least K = 5 answers have arrived to it since, and never after its
-- period has ended. arrivals counts every contribution ever added to a
-- rollup cell (a replaced rating's new answers too) and is never taken back,
-- so it only grows; a figure's arrivals are summed from its cells.

ALTER TABLE rollup_answers ADD COLUMN arrivals INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_totals ADD COLUMN arrivals INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_handovers ADD COLUMN arrivals INTEGER NOT NULL DEFAULT 0;
UPDATE rollup_answers SET arrivals = n WHERE n > 0;
UPDATE rollup_totals SET arrivals = n WHERE n > 0;
UPDATE rollup_handovers SET arrivals = n WHERE n > 0;

-- node_from/node_to: the calendar node (YYYYMM; 0/0 for figures that are not
-- of a period, like an assumption's evidence); figure: which figure of it
-- ("cell:3:6", "row:3", "grand", "assumption:12", ...); value: the figure as
-- shown (JSON); closes_at: when the node ends (Unix seconds), after which a
-- value released then is frozen.
CREATE TABLE released_figures (
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    node_from INTEGER NOT NULL,
    node_to INTEGER NOT NULL,
    figure TEXT NOT NULL,
    value TEXT NOT NULL,
    arrivals INTEGER NOT NULL,
    released_at INTEGER NOT NULL,
    closes_at INTEGER NOT NULL,
    PRIMARY KEY (municipality_id, node_from, node_to, figure)
);
