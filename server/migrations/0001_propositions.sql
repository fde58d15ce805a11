-- Contributions (issue 16): what structures propose, and the private follow-up of each
-- structure. Plain types only (texts and integers, times as RFC 3339 texts): the same
-- migrations are meant to run on PostgreSQL.

-- A structure's follow-up: its proposals are listed under one private link.
CREATE TABLE suivi (
    -- SHA-256 of the link's token, in hexadecimal: the token itself is never stored.
    empreinte TEXT PRIMARY KEY,
    -- Where to write about it, when the structure gave an address.
    courriel TEXT,
    cree_le TEXT NOT NULL
);

CREATE TABLE proposition (
    id TEXT PRIMARY KEY,
    suivi TEXT NOT NULL REFERENCES suivi (empreinte),
    -- What is proposed: 'evenement' (an event of the programme).
    genre TEXT NOT NULL,
    -- 'recue', 'a_completer', 'acceptee', 'publiee', 'refusee'.
    statut TEXT NOT NULL,
    -- The proposed record as a GeoJSON Feature, in the dataset's own format.
    contenu TEXT NOT NULL,
    recue_le TEXT NOT NULL,
    -- Raised by each change: two coordinators acting at once cannot both win.
    version INTEGER NOT NULL DEFAULT 1
);

CREATE INDEX proposition_par_suivi ON proposition (suivi, recue_le);
