-- A refresh token retired because its answer was lost (a page reloaded while its refresh was in flight; see
-- RefreshTokens): never valid again, and presenting it later is treated like a replay.
ALTER TABLE refresh_token ADD COLUMN retired_at TIMESTAMPTZ;
