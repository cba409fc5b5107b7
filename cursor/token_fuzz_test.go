package cursor_test

import (
	"errors"
	"testing"
	"time"

	"github.com/tenantq/tenantq/cursor"
)

// FuzzDecode feeds arbitrary text to Decode: it must never panic, every error must be one of
// the package's, and a token it accepts must encode back to the same text.
func FuzzDecode(f *testing.F) {
	k := keyring(f, newKey)
	for _, tok := range []cursor.Token{
		{Values: []any{int64(1)}, Tenant: "acme", Shape: "q"},
		{Values: []any{nil, "x", 2.5, true, []byte("b"), [16]byte{1}, now}, Tenant: "acme", Shape: "q", Expires: now.Add(time.Hour)},
		{Tenant: "acme", Shape: "q"},
	} {
		text, err := k.Encode(tok)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(text)
		f.Add(text[:len(text)/2])
	}
	f.Add("")
	f.Add("AQ")
	f.Add("////")
	known := []error{cursor.ErrMalformed, cursor.ErrVersion, cursor.ErrUnknownKey, cursor.ErrSignature, cursor.ErrTenant, cursor.ErrShape, cursor.ErrExpired}
	f.Fuzz(func(t *testing.T, text string) {
		tok, err := k.Decode(text, "acme", "q", now)
		if err != nil {
			for _, e := range known {
				if errors.Is(err, e) {
					return
				}
			}
			t.Fatalf("Decode(%q) = %v, not one of the package's errors", text, err)
		}
		again, err := k.Encode(tok)
		if err != nil || again != text {
			t.Fatalf("Decode(%q) accepted a token that encodes back as %q (%v)", text, again, err)
		}
	})
}

// FuzzRoundTrip encodes values and decodes them back.
func FuzzRoundTrip(f *testing.F) {
	f.Add(int64(0), "", 0.0, false, []byte(nil), int64(0))
	f.Add(int64(-1), "héllo", -1.5, true, []byte{0xff}, int64(1700000000123456))
	k := keyring(f, newKey)
	f.Fuzz(func(t *testing.T, i int64, s string, fl float64, b bool, bs []byte, micros int64) {
		if len(s)+len(bs) > 1000 {
			t.Skip("too long for a token")
		}
		ts := time.UnixMicro(micros).UTC()
		in := cursor.Token{Values: []any{i, s, fl, b, bs, ts}, Tenant: s, Shape: "shape"}
		text, err := k.Encode(in)
		if err != nil {
			t.Fatal(err)
		}
		out, err := k.Decode(text, s, "shape", now)
		if err != nil {
			t.Fatalf("Decode(Encode(%v)) = %v", in.Values, err)
		}
		if out.Values[0] != i || out.Values[1] != s || out.Values[3] != b || !out.Values[5].(time.Time).Equal(ts) {
			t.Fatalf("round trip %v -> %v", in.Values, out.Values)
		}
		if g := out.Values[2].(float64); g != fl && !(g != g && fl != fl) {
			t.Fatalf("float %v -> %v", fl, g)
		}
		if string(out.Values[4].([]byte)) != string(bs) {
			t.Fatalf("bytes %x -> %x", bs, out.Values[4])
		}
	})
}
