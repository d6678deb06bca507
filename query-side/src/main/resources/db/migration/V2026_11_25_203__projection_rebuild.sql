-- One row per projection that was ever rebuilt. A RUNNING row with a fresh heartbeat is the claim that keeps a
-- second node from rebuilding the same projection; position and head are the progress every node reports.
CREATE TABLE projection_rebuild (
    name         VARCHAR(64)   NOT NULL,
    state        VARCHAR(16)   NOT NULL, -- RUNNING, DONE or FAILED
    node         VARCHAR(255)  NOT NULL,
    started_at   TIMESTAMPTZ   NOT NULL,
    heartbeat_at TIMESTAMPTZ   NOT NULL,
    finished_at  TIMESTAMPTZ,
    position     BIGINT        NOT NULL DEFAULT 0, -- global index of the last event in the new tables
    head         BIGINT        NOT NULL DEFAULT 0, -- head of the event store when the rebuild started
    events       BIGINT        NOT NULL DEFAULT 0, -- events read so far
    error        VARCHAR(1000),
    CONSTRAINT pk_projection_rebuild PRIMARY KEY (name)
);
