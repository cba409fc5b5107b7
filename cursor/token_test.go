package cursor_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/tenantq/tenantq/cursor"
)

var (
	now    = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	oldKey = cursor.SigningKey{ID: "2026-10", Secret: bytes.Repeat([]byte{1}, 32)}
	newKey = cursor.SigningKey{ID: "2026-11", Secret: bytes.Repeat([]byte{2}, 32)}
)

func keyring(t testing.TB, keys ...cursor.SigningKey) *cursor.Keyring {
	t.Helper()
	k, err := cursor.NewKeyring(keys...)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	k := keyring(t, newKey)
	ts := time.Date(2026, 3, 4, 5, 6, 7, 123456789, time.FixedZone("x", 3600))
	tok := cursor.Token{
		Values: []any{nil, int64(-42), "héllo", true, 1.5, []byte{0, 1}, [16]byte{9}, ts, int64(math.MaxInt64), ""},
		Tenant: "acme", Shape: "list-contacts", Expires: now.Add(time.Hour),
	}
	text, err := k.Encode(tok)
	if err != nil {
		t.Fatal(err)
	}
	got, err := k.Decode(text, "acme", "list-contacts", now)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	want := tok.Values
	want[7] = ts.UTC().Truncate(time.Microsecond) // PostgreSQL's precision, in UTC
	if !reflect.DeepEqual(got.Values, want) {
		t.Errorf("values = %#v, want %#v", got.Values, want)
	}
	if !got.Expires.Equal(tok.Expires.Truncate(time.Second)) {
		t.Errorf("expires = %v, want %v", got.Expires, tok.Expires)
	}
}

func TestBadTokens(t *testing.T) {
	t.Parallel()
	k := keyring(t, newKey)
	valid, err := k.Encode(cursor.Token{Values: []any{int64(7), "x"}, Tenant: "acme", Shape: "q", Expires: now.Add(time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := base64.RawURLEncoding.DecodeString(valid)
	reencode := func(f func(b []byte) []byte) string {
		return base64.RawURLEncoding.EncodeToString(f(append([]byte(nil), raw...)))
	}
	other, _ := keyring(t, oldKey).Encode(cursor.Token{Values: []any{int64(7)}, Tenant: "acme", Shape: "q"})
	tests := []struct {
		name          string
		token         string
		tenant, shape string
		at            time.Time
		want          error
	}{
		{"garbled", "not a token!", "acme", "q", now, cursor.ErrMalformed},
		{"empty", "", "acme", "q", now, cursor.ErrMalformed},
		{"truncated", valid[:len(valid)-5], "acme", "q", now, cursor.ErrMalformed},
		{"tampered value", reencode(func(b []byte) []byte { b[len(b)-40] ^= 1; return b }), "acme", "q", now, cursor.ErrSignature},
		{"tampered signature", reencode(func(b []byte) []byte { b[len(b)-1] ^= 1; return b }), "acme", "q", now, cursor.ErrSignature},
		{"future version", reencode(func(b []byte) []byte { b[0] = 9; return b }), "acme", "q", now, cursor.ErrVersion},
		{"unknown key", other, "acme", "q", now, cursor.ErrUnknownKey},
		{"another tenant's", valid, "globex", "q", now, cursor.ErrTenant},
		{"another query's", valid, "acme", "other", now, cursor.ErrShape},
		{"expired", valid, "acme", "q", now.Add(time.Hour), cursor.ErrExpired},
		{"too long", string(bytes.Repeat([]byte{'A'}, 5000)), "acme", "q", now, cursor.ErrMalformed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := k.Decode(tc.token, tc.tenant, tc.shape, tc.at)
			if !errors.Is(err, tc.want) {
				t.Errorf("Decode = %v, want %v", err, tc.want)
			}
		})
	}
	if _, err := k.Decode(valid, "acme", "q", now); err != nil {
		t.Errorf("the untouched token: %v", err)
	}
}

func TestKeyRotation(t *testing.T) {
	t.Parallel()
	old, err := keyring(t, oldKey).Encode(cursor.Token{Values: []any{int64(1)}, Tenant: "t", Shape: "s"})
	if err != nil {
		t.Fatal(err)
	}
	rotated := keyring(t, newKey, oldKey)
	if _, err := rotated.Decode(old, "t", "s", now); err != nil {
		t.Errorf("a token signed with the previous key: %v", err)
	}
	fresh, _ := rotated.Encode(cursor.Token{Values: []any{int64(1)}, Tenant: "t", Shape: "s"})
	if _, err := keyring(t, oldKey).Decode(fresh, "t", "s", now); !errors.Is(err, cursor.ErrUnknownKey) {
		t.Errorf("new tokens must be signed with the first key: %v", err)
	}
}

func TestNewKeyringRejects(t *testing.T) {
	t.Parallel()
	for name, keys := range map[string][]cursor.SigningKey{
		"no keys":      nil,
		"empty id":     {{ID: "", Secret: make([]byte, 32)}},
		"short secret": {{ID: "a", Secret: make([]byte, 16)}},
		"duplicate":    {{ID: "a", Secret: make([]byte, 32)}, {ID: "a", Secret: make([]byte, 32)}},
		"long id":      {{ID: string(bytes.Repeat([]byte{'a'}, 65)), Secret: make([]byte, 32)}},
	} {
		if _, err := cursor.NewKeyring(keys...); err == nil {
			t.Errorf("NewKeyring(%s) succeeded", name)
		}
	}
	if _, err := keyring(t, newKey).Encode(cursor.Token{Values: []any{struct{}{}}}); err == nil {
		t.Error("Encode of an unsupported value type succeeded")
	}
}

// TestErrorKinds checks that every token error matches ErrInvalidCursor and keeps its own
// identity, so a handler can answer 400 to all of them and still tell them apart.
func TestErrorKinds(t *testing.T) {
	t.Parallel()
	for _, err := range []error{cursor.ErrMalformed, cursor.ErrVersion, cursor.ErrUnknownKey, cursor.ErrSignature, cursor.ErrTenant, cursor.ErrShape, cursor.ErrExpired} {
		wrapped := fmt.Errorf("page: %w", err)
		if !errors.Is(wrapped, cursor.ErrInvalidCursor) || !errors.Is(wrapped, err) {
			t.Errorf("%v: errors.Is(ErrInvalidCursor) = %v, errors.Is(itself) = %v; want both", err, errors.Is(wrapped, cursor.ErrInvalidCursor), errors.Is(wrapped, err))
		}
		if errors.Is(err, cursor.ErrBadRequest) {
			t.Errorf("%v matches ErrBadRequest", err)
		}
	}
}
