package cursor

import (
	"crypto/hmac"
	"crypto/sha256"
	"database/sql/driver"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"
)

// Errors returned by [Keyring.Decode], and so by [Page] and [Poll]; each names one way a token
// can be bad, and each matches [ErrInvalidCursor] with [errors.Is], so a handler can answer
// 400 for all of them at once.
var (
	// ErrInvalidCursor is matched by every error below.
	ErrInvalidCursor = errors.New("cursor: invalid cursor")
	// ErrMalformed: the token is not base64url, is truncated, or its framing is broken.
	ErrMalformed error = &tokenError{"cursor: malformed token"}
	// ErrVersion: the token was made by an unknown version of this package.
	ErrVersion error = &tokenError{"cursor: unknown token version"}
	// ErrUnknownKey: the token was signed with a key the keyring does not have.
	ErrUnknownKey error = &tokenError{"cursor: token signed with an unknown key"}
	// ErrSignature: the token was changed after it was signed.
	ErrSignature error = &tokenError{"cursor: token signature does not match"}
	// ErrTenant: the token belongs to another tenant.
	ErrTenant error = &tokenError{"cursor: token belongs to another tenant"}
	// ErrShape: the token belongs to another query.
	ErrShape error = &tokenError{"cursor: token belongs to another query"}
	// ErrExpired: the token's expiry has passed.
	ErrExpired error = &tokenError{"cursor: token expired"}
)

// tokenError is one way a token can be bad; it matches ErrInvalidCursor.
type tokenError struct{ msg string }

func (e *tokenError) Error() string { return e.msg }

// Is makes every token error match ErrInvalidCursor.
func (e *tokenError) Is(target error) bool { return target == ErrInvalidCursor }

const (
	version    = 1
	hashLen    = 16 // truncated SHA-256 of the tenant and of the query shape
	macLen     = sha256.Size
	maxKeyID   = 64
	maxValues  = 32
	maxTokenSz = 4096
)

// A SigningKey signs and verifies tokens. IDs name keys inside tokens, so a keyring can rotate them.
type SigningKey struct {
	ID     string // at most 64 bytes
	Secret []byte // at least 32 random bytes
}

// A Keyring signs tokens with its first key and accepts tokens signed with any of its keys.
// It is safe for concurrent use.
type Keyring struct {
	keys []SigningKey
}

// NewKeyring returns a keyring. It returns an error for no keys, an empty or duplicate ID, an
// ID longer than 64 bytes, or a secret shorter than 32 bytes.
func NewKeyring(keys ...SigningKey) (*Keyring, error) {
	if len(keys) == 0 {
		return nil, errors.New("cursor: a keyring needs a key")
	}
	seen := map[string]bool{}
	for _, k := range keys {
		switch {
		case k.ID == "" || len(k.ID) > maxKeyID:
			return nil, fmt.Errorf("cursor: key id %q must have 1 to %d bytes", k.ID, maxKeyID)
		case seen[k.ID]:
			return nil, fmt.Errorf("cursor: duplicate key id %q", k.ID)
		case len(k.Secret) < 32:
			return nil, fmt.Errorf("cursor: key %q: the secret has %d bytes, want at least 32", k.ID, len(k.Secret))
		}
		seen[k.ID] = true
	}
	return &Keyring{keys: append([]SigningKey(nil), keys...)}, nil
}

// A Token is what a cursor carries: the key values of a row, and what it is bound to.
type Token struct {
	// Values are the row's key values, one per key of the pagination spec.
	Values []any
	// Tenant is the canonical text of the tenant the token belongs to.
	Tenant string
	// Shape identifies the query: a hash of the spec and the base SQL.
	Shape string
	// Expires is when the token stops being accepted; the zero time means never.
	Expires time.Time
}

// Encode signs t and returns it as opaque text. Values must be nil, int64 (or another integer
// type), string, bool, float64, []byte, [16]byte or time.Time.
func (k *Keyring) Encode(t Token) (string, error) {
	if len(t.Values) > maxValues {
		return "", fmt.Errorf("cursor: %d key values, at most %d", len(t.Values), maxValues)
	}
	key := k.keys[0]
	b := []byte{version, byte(len(key.ID))}
	b = append(b, key.ID...)
	var exp int64
	if !t.Expires.IsZero() {
		exp = t.Expires.Unix()
	}
	b = binary.AppendVarint(b, exp)
	b = append(b, digest(key.Secret, "tenant", t.Tenant)...)
	b = append(b, digest(key.Secret, "shape", t.Shape)...)
	b = append(b, byte(len(t.Values)))
	for i, v := range t.Values {
		var err error
		if b, err = appendValue(b, v); err != nil {
			return "", fmt.Errorf("cursor: key value %d: %w", i+1, err)
		}
	}
	// The total length comes last before the signature, so a truncated token is told apart
	// from a tampered one.
	b = binary.BigEndian.AppendUint16(b, uint16(len(b)+2+macLen))
	b = append(b, sign(key.Secret, b)...)
	text := encoding.EncodeToString(b)
	if len(text) > maxTokenSz {
		return "", fmt.Errorf("cursor: the key values make a %d-byte cursor, more than %d; page by shorter keys", len(text), maxTokenSz)
	}
	return text, nil
}

// Decode verifies a token made by Encode, for the given tenant and query shape at time now,
// and returns it. Its errors match ErrMalformed, ErrVersion, ErrUnknownKey, ErrSignature,
// ErrTenant, ErrShape or ErrExpired with [errors.Is].
func (k *Keyring) Decode(text, tenant, shape string, now time.Time) (Token, error) {
	if len(text) > maxTokenSz {
		return Token{}, fmt.Errorf("%w: longer than %d bytes", ErrMalformed, maxTokenSz)
	}
	// The decoder skips newlines; a token has none, so one token has one spelling.
	for i := 0; i < len(text); i++ {
		if c := text[i]; !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return Token{}, fmt.Errorf("%w: not base64url", ErrMalformed)
		}
	}
	b, err := encoding.DecodeString(text)
	if err != nil {
		return Token{}, fmt.Errorf("%w: not base64url", ErrMalformed)
	}
	if len(b) < 2+macLen {
		return Token{}, fmt.Errorf("%w: truncated", ErrMalformed)
	}
	if b[0] != version {
		return Token{}, fmt.Errorf("%w: %d", ErrVersion, b[0])
	}
	idLen := int(b[1])
	if idLen == 0 || idLen > maxKeyID || len(b) < 2+idLen+macLen {
		return Token{}, fmt.Errorf("%w: bad key id", ErrMalformed)
	}
	id := string(b[2 : 2+idLen])
	body, mac := b[:len(b)-macLen], b[len(b)-macLen:]
	if len(body) < 2+idLen+2 || int(binary.BigEndian.Uint16(body[len(body)-2:])) != len(b) {
		return Token{}, fmt.Errorf("%w: truncated", ErrMalformed)
	}
	var secret []byte
	for _, key := range k.keys {
		if key.ID == id {
			secret = key.Secret
		}
	}
	if secret == nil {
		return Token{}, fmt.Errorf("%w: %q", ErrUnknownKey, id)
	}
	if !hmac.Equal(mac, sign(secret, body)) {
		return Token{}, ErrSignature
	}
	// The token is authentic: what follows was written by Encode.
	r := reader{b: body[2+idLen : len(body)-2]}
	exp := r.varint()
	tenantHash, shapeHash := r.bytes(hashLen), r.bytes(hashLen)
	n := int(r.byte())
	if r.err != nil || n > maxValues {
		return Token{}, fmt.Errorf("%w: bad header", ErrMalformed)
	}
	if !hmac.Equal(tenantHash, digest(secret, "tenant", tenant)) {
		return Token{}, ErrTenant
	}
	if !hmac.Equal(shapeHash, digest(secret, "shape", shape)) {
		return Token{}, ErrShape
	}
	t := Token{Tenant: tenant, Shape: shape}
	if exp != 0 {
		t.Expires = time.Unix(exp, 0).UTC()
		if !now.Before(t.Expires) {
			return Token{}, fmt.Errorf("%w at %s", ErrExpired, t.Expires.Format(time.RFC3339))
		}
	}
	for range n {
		t.Values = append(t.Values, r.value())
	}
	if r.err != nil || len(r.b) != 0 {
		return Token{}, fmt.Errorf("%w: bad values", ErrMalformed)
	}
	return t, nil
}

// encoding is base64url without padding, strict: one text per token (unused trailing bits must
// be zero, or one token would have several spellings).
var encoding = base64.RawURLEncoding.Strict()

func sign(secret, b []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write(b)
	return m.Sum(nil)
}

// digest is a keyed hash: without the secret, a cursor does not tell whose it is.
func digest(secret []byte, what, s string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(what))
	m.Write([]byte{0})
	m.Write([]byte(s))
	return m.Sum(nil)[:hashLen]
}

// Value tags.
const (
	tagNull byte = iota
	tagInt
	tagString
	tagBool
	tagFloat
	tagBytes
	tagUUID
	tagTime
)

func appendValue(b []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(b, tagNull), nil
	case int:
		return binary.AppendVarint(append(b, tagInt), int64(x)), nil
	case int8:
		return binary.AppendVarint(append(b, tagInt), int64(x)), nil
	case int16:
		return binary.AppendVarint(append(b, tagInt), int64(x)), nil
	case int32:
		return binary.AppendVarint(append(b, tagInt), int64(x)), nil
	case uint8:
		return binary.AppendVarint(append(b, tagInt), int64(x)), nil
	case uint16:
		return binary.AppendVarint(append(b, tagInt), int64(x)), nil
	case uint32:
		return binary.AppendVarint(append(b, tagInt), int64(x)), nil
	case float32:
		return appendValue(b, float64(x))
	case int64:
		return binary.AppendVarint(append(b, tagInt), x), nil
	case string:
		return append(binary.AppendUvarint(append(b, tagString), uint64(len(x))), x...), nil
	case bool:
		if x {
			return append(b, tagBool, 1), nil
		}
		return append(b, tagBool, 0), nil
	case float64:
		return binary.BigEndian.AppendUint64(append(b, tagFloat), math.Float64bits(x)), nil
	case []byte:
		return append(binary.AppendUvarint(append(b, tagBytes), uint64(len(x))), x...), nil
	case [16]byte:
		return append(append(b, tagUUID), x[:]...), nil
	case time.Time:
		// PostgreSQL keeps microseconds: so does the cursor, in UTC.
		return binary.AppendVarint(append(b, tagTime), x.UTC().Truncate(time.Microsecond).UnixMicro()), nil
	case driver.Valuer:
		// pgtype.Numeric and other driver types: their driver value (a numeric's text, say),
		// which the driver accepts back as the argument.
		dv, err := x.Value()
		if err != nil {
			return nil, err
		}
		if _, loop := dv.(driver.Valuer); loop {
			return nil, fmt.Errorf("unsupported type %T", v)
		}
		return appendValue(b, dv)
	case fmt.Stringer:
		// pgtype.InfinityModifier ("infinity"), netip.Prefix (inet), ...: their text, which
		// PostgreSQL reads back as the same value.
		return appendValue(b, x.String())
	}
	return nil, fmt.Errorf("unsupported type %T", v)
}

// reader reads a token body; the first error sticks.
type reader struct {
	b   []byte
	err error
}

func (r *reader) fail() { r.err, r.b = ErrMalformed, nil }

func (r *reader) byte() byte {
	if len(r.b) < 1 {
		r.fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *reader) bytes(n int) []byte {
	if n < 0 || len(r.b) < n {
		r.fail()
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// lenBytes reads a length-prefixed byte string.
func (r *reader) lenBytes() []byte {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return nil
	}
	return r.bytes(int(n))
}

func (r *reader) value() any {
	switch r.byte() {
	case tagNull:
		return nil
	case tagInt:
		return r.varint()
	case tagString:
		return string(r.lenBytes())
	case tagBool:
		return r.byte() != 0
	case tagFloat:
		b := r.bytes(8)
		if b == nil {
			return nil
		}
		return math.Float64frombits(binary.BigEndian.Uint64(b))
	case tagBytes:
		return append([]byte(nil), r.lenBytes()...)
	case tagUUID:
		b := r.bytes(16)
		if b == nil {
			return nil
		}
		return [16]byte(b)
	case tagTime:
		return time.UnixMicro(r.varint()).UTC()
	}
	r.fail()
	return nil
}
