-- Coordinators (issue 16): accounts, sessions, and what each did to a proposal.

-- The zone of a proposal, found from its point when it was received: zone referents
-- see the proposals of their zone.
ALTER TABLE proposition ADD COLUMN zone TEXT;

CREATE TABLE compte (
    identifiant TEXT PRIMARY KEY,
    -- Argon2id, as a PHC string (algorithm, parameters, salt and hash).
    mot_de_passe TEXT NOT NULL,
    -- 'coordinateur' (everything) or 'referent' (the proposals of `zone`).
    role TEXT NOT NULL,
    zone TEXT,
    cree_le TEXT NOT NULL
);

CREATE TABLE session (
    -- SHA-256 of the cookie's token, in hexadecimal.
    empreinte TEXT PRIMARY KEY,
    compte TEXT NOT NULL REFERENCES compte (identifiant),
    -- The token every form of the session carries (CSRF).
    jeton_formulaire TEXT NOT NULL,
    expire_le TEXT NOT NULL
);

-- Each action on a proposal: who, when, what, and the message to the structure.
CREATE TABLE action (
    id TEXT PRIMARY KEY,
    proposition TEXT NOT NULL REFERENCES proposition (id),
    compte TEXT NOT NULL,
    le TEXT NOT NULL,
    statut TEXT NOT NULL,
    message TEXT
);

CREATE INDEX action_par_proposition ON action (proposition, le);
