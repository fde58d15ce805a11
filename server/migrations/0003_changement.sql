-- Several instances (issue 16): one number, raised by every decision on a proposal, that
-- each instance watches to read the published list again when it changes.
CREATE TABLE changement (
    id INTEGER PRIMARY KEY,
    numero BIGINT NOT NULL
);

INSERT INTO changement (id, numero) VALUES (1, 0);
