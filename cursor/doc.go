// Package cursor implements keyset (cursor) pagination for tenantq: pages cost the same at any
// depth, and the opaque cursors handed to clients are signed, versioned, and bound to the tenant
// and to the query they came from.
//
// This package is being built (issue 4). It has the cursor token codec: [Keyring.Encode] and
// [Keyring.Decode]. Paging a tenantq SELECT and gap-free change polling come next.
//
// # Tokens
//
// A token is base64url text (no padding) of: a version byte, the signing key's id, the expiry
// (Unix seconds, 0 for none), a hash of the tenant, a hash of the query shape, the key values
// (each tagged with its type: NULL, int64, string, bool, float64, bytes, [16]byte UUID, or a
// time at PostgreSQL's microsecond precision in UTC), and an HMAC-SHA256 of everything before
// it. Decode checks the framing, the key id and the signature before it reads any value, then
// the tenant, the shape and the expiry; each failure has its own error, matchable with
// [errors.Is]. Decode never panics.
package cursor
