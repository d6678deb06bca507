-- A login (a refresh token family) ended: its access tokens, which carry its id as sid, are refused on every node.
-- Access tokens live at most 15 minutes (plus the clock skew), so a starting node reads back only that window.
ALTER TABLE access_revocation ADD COLUMN login_id UUID;
CREATE INDEX ix_access_revocation_login ON access_revocation (revoked_at) WHERE kind = 'LOGIN';
