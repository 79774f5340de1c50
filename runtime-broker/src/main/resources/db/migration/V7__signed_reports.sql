-- Reports are signed with one HMAC key (dedicate.reports.signing-key, Concourse's ((report_signing_key))) over the
-- operation id and the body: no per-operation report token exists any more, neither its hash here nor the token itself
-- in a pending operation's rendered files (vars.yml). Rendered files of operations still pending from before this
-- migration may hold a vars.yml with a token that no longer authenticates anything; the next commit of such an
-- operation writes that file as it was rendered. Portable SQL, as V1.

ALTER TABLE operation DROP COLUMN token_hash;
