package api_test

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tenantq/tenantq/cursor"
	"github.com/tenantq/tenantq/examples/saas/api"
	"github.com/tenantq/tenantq/examples/saas/store"
	"github.com/tenantq/tenantq/internal/testdb"
)

// fixtures gives tenants 1 and 2 overlapping data: each has contacts 1 to 3, deals 1 and 2 on
// contact 1, and note 1 on contact 1, every name starting with its tenant ("t1 ", "t2 "). Tenant
// 1 has contacts 10 to 59 more and tenant 2 contacts 10 to 49, created three to a minute, so
// pages cross rows with equal created_at. The sequences then start above every fixture id.
const fixtures = `
INSERT INTO contacts (tenant_id, id, name, email, created_at)
SELECT t, i, 't' || t || ' contact ' || i, 'c' || i || '@t' || t || '.example',
       timestamptz '2026-01-01 00:00:00+00' + (i / 3) * interval '1 minute'
FROM generate_series(1, 2) t, generate_series(1, 59) i
WHERE i <= 3 OR i >= 10 AND i < 60 - 10 * (t - 1);

INSERT INTO deals (tenant_id, id, contact_id, title, amount_cents, plan_id)
SELECT t, i, 1, 't' || t || ' deal ' || i, 1000 * i, i
FROM generate_series(1, 2) t, generate_series(1, 2) i;

INSERT INTO notes (tenant_id, id, contact_id, body)
SELECT t, 1, 1, 't' || t || ' note 1' FROM generate_series(1, 2) t;

SELECT setval(pg_get_serial_sequence('contacts', 'id'), 1000);
SELECT setval(pg_get_serial_sequence('deals', 'id'), 1000);
SELECT setval(pg_get_serial_sequence('notes', 'id'), 1000);
`

// contactsOf is how many contacts each tenant has in the fixtures.
var contactsOf = map[int64]int{1: 53, 2: 43}

// client calls the API as one tenant.
type client struct {
	t      *testing.T
	h      http.Handler
	tenant string // the X-Tenant-ID header; "" sends none
}

// newAPI returns the API over a fresh schema holding the fixtures.
func newAPI(t *testing.T) http.Handler {
	t.Helper()
	pool := testdb.OpenSchema(t, store.Schema+fixtures)
	secret := make([]byte, 32)
	rand.Read(secret)
	keyring, err := cursor.NewKeyring(cursor.SigningKey{ID: "test", Secret: secret})
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.New(pool, keyring)
	if err != nil {
		t.Fatal(err)
	}
	return api.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

func as(t *testing.T, h http.Handler, tenant int64) client {
	return client{t: t, h: h, tenant: strconv.FormatInt(tenant, 10)}
}

// do sends a request with a JSON body (when body is not nil) and returns the status and the
// response body decoded into a map.
func (c client) do(method, path string, body any) (int, map[string]any) {
	c.t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			c.t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	req := httptest.NewRequest(method, path, r)
	if c.tenant != "" {
		req.Header.Set(api.TenantHeader, c.tenant)
	}
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	var out map[string]any
	if rec.Body.Len() > 0 {
		if got := rec.Header().Get("Content-Type"); got != "application/json" {
			c.t.Fatalf("%s %s: Content-Type %q, body %s", method, path, got, rec.Body)
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			c.t.Fatalf("%s %s: %v in %s", method, path, err, rec.Body)
		}
	}
	return rec.Code, out
}

// must is do, failing the test unless the status is want.
func (c client) must(want int, method, path string, body any) map[string]any {
	c.t.Helper()
	got, out := c.do(method, path, body)
	if got != want {
		c.t.Fatalf("tenant %s: %s %s: status %d, want %d; body %v", c.tenant, method, path, got, want, out)
	}
	return out
}

// list returns the objects of the array under key.
func list(t *testing.T, out map[string]any, key string) []map[string]any {
	t.Helper()
	arr, ok := out[key].([]any)
	if !ok {
		t.Fatalf("no array %q in %v", key, out)
	}
	var objs []map[string]any
	for _, v := range arr {
		objs = append(objs, v.(map[string]any))
	}
	return objs
}

// id returns a JSON object's id.
func id(obj map[string]any) int64 { return int64(obj["id"].(float64)) }

// page is one page of GET /contacts.
type page struct {
	ids      []int64
	names    []string
	created  []time.Time
	next     bool
	end      string
	previous bool
}

func (c client) page(first int, after string) page {
	c.t.Helper()
	q := url.Values{"first": {strconv.Itoa(first)}}
	if after != "" {
		q.Set("after", after)
	}
	out := c.must(http.StatusOK, "GET", "/contacts?"+q.Encode(), nil)
	var p page
	for _, o := range list(c.t, out, "contacts") {
		at, err := time.Parse(time.RFC3339Nano, o["created_at"].(string))
		if err != nil {
			c.t.Fatal(err)
		}
		p.ids, p.names, p.created = append(p.ids, id(o)), append(p.names, o["name"].(string)), append(p.created, at)
	}
	info := out["pageInfo"].(map[string]any)
	p.next, p.previous, p.end = info["hasNextPage"].(bool), info["hasPreviousPage"].(bool), info["endCursor"].(string)
	return p
}

// walk pages through all the tenant's contacts, first at a time, and returns them in order.
func (c client) walk(first int) page {
	c.t.Helper()
	var all page
	after := ""
	for n := 0; ; n++ {
		p := c.page(first, after)
		if p.previous != (n > 0) {
			c.t.Errorf("page %d: hasPreviousPage = %v", n, p.previous)
		}
		all.ids, all.names, all.created = append(all.ids, p.ids...), append(all.names, p.names...), append(all.created, p.created...)
		if !p.next {
			return all
		}
		if len(p.ids) != first {
			c.t.Fatalf("page %d has %d contacts and a next page", n, len(p.ids))
		}
		if n > 100 {
			c.t.Fatal("pagination does not end")
		}
		after = p.end
	}
}

func TestTenantHeader(t *testing.T) {
	h := newAPI(t)
	for _, tc := range []struct {
		header string
		want   int
	}{
		{"", http.StatusUnauthorized},
		{"abc", http.StatusBadRequest},
		{"0", http.StatusBadRequest},
		{"-1", http.StatusBadRequest},
		{"1.5", http.StatusBadRequest},
		{"99999999999999999999", http.StatusBadRequest},
	} {
		for _, path := range []string{"/contacts", "/contacts/1", "/contacts/1/deals"} {
			got, out := client{t: t, h: h, tenant: tc.header}.do("GET", path, nil)
			if got != tc.want || out["error"] == nil {
				t.Errorf("X-Tenant-ID %q: GET %s: %d %v, want %d and an error", tc.header, path, got, out, tc.want)
			}
		}
	}
	// A tenant with no rows yet is a tenant: its lists are empty, not errors.
	out := as(t, h, 3).must(http.StatusOK, "GET", "/contacts", nil)
	if got := out["contacts"].([]any); len(got) != 0 {
		t.Errorf("tenant 3 sees contacts %v", got)
	}
}

// TestReadsStayInTenant reads the ids both tenants have through every endpoint that reads.
func TestReadsStayInTenant(t *testing.T) {
	h := newAPI(t)
	for tenant := range int64(2) {
		tenant++
		c := as(t, h, tenant)
		own := "t" + strconv.FormatInt(tenant, 10) + " "
		mine := func(what, s string) {
			t.Helper()
			if !strings.HasPrefix(s, own) {
				t.Errorf("tenant %d sees %s %q", tenant, what, s)
			}
		}

		mine("contact", c.must(http.StatusOK, "GET", "/contacts/1", nil)["name"].(string))
		deals := list(t, c.must(http.StatusOK, "GET", "/contacts/1/deals", nil), "deals")
		if len(deals) != 2 {
			t.Errorf("tenant %d: contact 1 has %d deals, want 2", tenant, len(deals))
		}
		for _, d := range deals {
			mine("deal", d["title"].(string))
			mine("deal's contact", d["contact_name"].(string))
		}
		notes := list(t, c.must(http.StatusOK, "GET", "/contacts/1/notes", nil), "notes")
		if len(notes) != 1 {
			t.Errorf("tenant %d: contact 1 has %d notes, want 1", tenant, len(notes))
		}
		for _, n := range notes {
			mine("note", n["body"].(string))
		}
		all := c.walk(10)
		if len(all.names) != contactsOf[tenant] {
			t.Errorf("tenant %d: %d contacts, want %d", tenant, len(all.names), contactsOf[tenant])
		}
		for _, name := range all.names {
			mine("contact", name)
		}
		// Tenant 1's contacts 50 to 59 are not tenant 2's.
		if tenant == 2 {
			c.must(http.StatusNotFound, "GET", "/contacts/55", nil)
			c.must(http.StatusNotFound, "GET", "/contacts/55/deals", nil)
			c.must(http.StatusNotFound, "GET", "/contacts/55/notes", nil)
		}
	}
}

func TestPaginationWalksEveryContactOnce(t *testing.T) {
	h := newAPI(t)
	c := as(t, h, 1)
	// One more contact, created now: the newest, so the first of the first page.
	created := c.must(http.StatusCreated, "POST", "/contacts", map[string]string{"name": "t1 newest"})

	for _, first := range []int{1, 7, 54, 100} {
		all := c.walk(first)
		if len(all.ids) != contactsOf[1]+1 {
			t.Fatalf("first=%d: walked %d contacts, want %d", first, len(all.ids), contactsOf[1]+1)
		}
		seen := map[int64]bool{}
		for i, id := range all.ids {
			if seen[id] {
				t.Fatalf("first=%d: contact %d twice", first, id)
			}
			seen[id] = true
			// Newest first; equal times by id, descending.
			if i > 0 && (all.created[i].After(all.created[i-1]) ||
				all.created[i].Equal(all.created[i-1]) && id > all.ids[i-1]) {
				t.Fatalf("first=%d: contact %d (%s) after contact %d (%s)", first, id, all.created[i], all.ids[i-1], all.created[i-1])
			}
		}
		if all.ids[0] != id(created) {
			t.Errorf("first=%d: the first contact is %d, want the newest, %d", first, all.ids[0], id(created))
		}
	}
}

func TestBadCursorsAndPageSizes(t *testing.T) {
	h := newAPI(t)
	a, b := as(t, h, 1), as(t, h, 2)
	cur := a.page(5, "").end
	// The cursor works for its tenant...
	if p := a.page(5, cur); len(p.ids) != 5 {
		t.Fatalf("tenant 1's second page has %d contacts", len(p.ids))
	}
	// ...and nowhere else.
	bad := map[string]string{
		"another tenant's":  cur,
		"tampered":          tamper(cur),
		"truncated":         cur[:len(cur)/2],
		"not base64url":     "not a cursor!",
		"of another server": otherServerCursor(t),
	}
	for what, after := range bad {
		c := a
		if what == "another tenant's" {
			c = b
		}
		got, out := c.do("GET", "/contacts?first=5&after="+url.QueryEscape(after), nil)
		if got != http.StatusBadRequest || !strings.Contains(out["error"].(string), "cursor") {
			t.Errorf("%s cursor: %d %v, want 400 naming the cursor", what, got, out)
		}
	}
	for _, first := range []string{"0", "-1", "101", "x"} {
		a.must(http.StatusBadRequest, "GET", "/contacts?first="+first, nil)
	}
}

// tamper changes one character in the middle of a cursor.
func tamper(cur string) string {
	b := []byte(cur)
	if b[len(b)/2] == 'A' {
		b[len(b)/2] = 'B'
	} else {
		b[len(b)/2] = 'A'
	}
	return string(b)
}

// otherServerCursor returns a cursor for tenant 1's contacts signed by another API's keyring.
func otherServerCursor(t *testing.T) string {
	return as(t, newAPI(t), 1).page(5, "").end
}

// TestWritesStayInTenant creates, updates and deletes as one tenant, and tries the same ids as
// the other.
func TestWritesStayInTenant(t *testing.T) {
	h := newAPI(t)
	a, b := as(t, h, 1), as(t, h, 2)

	contact := id(a.must(http.StatusCreated, "POST", "/contacts", map[string]string{"name": "t1 Ada", "email": "ada@t1.example"}))
	if contact <= 1000 {
		t.Fatalf("new contact id %d, want one above the fixtures", contact)
	}
	deal := a.must(http.StatusCreated, "POST", "/contacts/"+strconv.FormatInt(contact, 10)+"/deals",
		map[string]any{"title": "t1 pilot", "amount_cents": 490000, "plan_id": 2})
	if deal["stage"] != "lead" || deal["plan_name"] != "team" || deal["contact_name"] != "t1 Ada" {
		t.Errorf("new deal %v", deal)
	}
	dealPath := "/deals/" + strconv.FormatInt(id(deal), 10)
	note := id(a.must(http.StatusCreated, "POST", "/contacts/"+strconv.FormatInt(contact, 10)+"/notes", map[string]string{"body": "t1 call back"}))
	notePath := "/notes/" + strconv.FormatInt(note, 10)

	// Tenant 2 cannot reach any of them.
	cpath := "/contacts/" + strconv.FormatInt(contact, 10)
	b.must(http.StatusNotFound, "GET", cpath, nil)
	b.must(http.StatusNotFound, "GET", cpath+"/deals", nil)
	b.must(http.StatusNotFound, "GET", cpath+"/notes", nil)
	b.must(http.StatusNotFound, "POST", cpath+"/deals", map[string]any{"title": "t2 sneaky"})
	b.must(http.StatusNotFound, "POST", cpath+"/notes", map[string]string{"body": "t2 sneaky"})
	b.must(http.StatusNotFound, "PATCH", dealPath, map[string]string{"stage": "lost"})
	b.must(http.StatusNotFound, "DELETE", notePath, nil)

	// Tenant 1's rows are as tenant 1 left them.
	deals := list(t, a.must(http.StatusOK, "GET", cpath+"/deals", nil), "deals")
	if len(deals) != 1 || deals[0]["stage"] != "lead" {
		t.Errorf("tenant 1's deals after tenant 2's attempts: %v", deals)
	}
	notes := list(t, a.must(http.StatusOK, "GET", cpath+"/notes", nil), "notes")
	if len(notes) != 1 || id(notes[0]) != note {
		t.Errorf("tenant 1's notes after tenant 2's attempts: %v", notes)
	}

	// Ids both tenants have: each tenant's writes change its own row only.
	if got := a.must(http.StatusOK, "PATCH", "/deals/1", map[string]string{"stage": "won"}); got["stage"] != "won" || got["title"] != "t1 deal 1" {
		t.Errorf("PATCH /deals/1 as tenant 1: %v", got)
	}
	for _, d := range list(t, b.must(http.StatusOK, "GET", "/contacts/1/deals", nil), "deals") {
		if d["stage"] != "lead" {
			t.Errorf("tenant 2's deal %v changed", d)
		}
	}
	b.must(http.StatusNoContent, "DELETE", "/notes/1", nil)
	b.must(http.StatusNotFound, "DELETE", "/notes/1", nil)
	if n := list(t, a.must(http.StatusOK, "GET", "/contacts/1/notes", nil), "notes"); len(n) != 1 || id(n[0]) != 1 {
		t.Errorf("tenant 1's notes after tenant 2 deleted its note 1: %v", n)
	}
	if n := list(t, b.must(http.StatusOK, "GET", "/contacts/1/notes", nil), "notes"); len(n) != 0 {
		t.Errorf("tenant 2's notes after deleting note 1: %v", n)
	}

	// And tenant 1 can still do all of it.
	a.must(http.StatusOK, "PATCH", dealPath, map[string]string{"stage": "qualified"})
	a.must(http.StatusNoContent, "DELETE", notePath, nil)
}

func TestBadInput(t *testing.T) {
	h := newAPI(t)
	c := as(t, h, 1)
	for _, tc := range []struct {
		method, path string
		body         any
	}{
		{"POST", "/contacts", map[string]string{"name": "  "}},
		{"POST", "/contacts", map[string]string{"name": "x", "tenant_id": "2"}}, // unknown field
		{"POST", "/contacts", "not an object"},
		{"POST", "/contacts/1/deals", map[string]any{"title": ""}},
		{"POST", "/contacts/1/deals", map[string]any{"title": "x", "amount_cents": -1}},
		{"POST", "/contacts/1/deals", map[string]any{"title": "x", "plan_id": 99}},
		{"PATCH", "/deals/1", map[string]string{"stage": "maybe"}},
		{"PATCH", "/deals/x", map[string]string{"stage": "won"}},
		{"POST", "/contacts/1/notes", map[string]string{"body": ""}},
		{"DELETE", "/notes/-3", nil},
		{"GET", "/contacts/0", nil},
	} {
		got, out := c.do(tc.method, tc.path, tc.body)
		if got != http.StatusBadRequest || out["error"] == nil {
			t.Errorf("%s %s %v: %d %v, want 400 and an error", tc.method, tc.path, tc.body, got, out)
		}
	}
	// No body at all.
	req := httptest.NewRequest("POST", "/contacts", nil)
	req.Header.Set(api.TenantHeader, "1")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusBadRequest {
		t.Errorf("POST /contacts without a body: %d", rec.Code)
	}
}

// TestStageReportIsRefused runs the example's deliberate mistake: the guard refuses the SQL,
// and the client gets a bare 500, with neither the SQL nor another tenant's numbers.
func TestStageReportIsRefused(t *testing.T) {
	h := newAPI(t)
	got, out := as(t, h, 1).do("GET", "/reports/stages", nil)
	if got != http.StatusInternalServerError {
		t.Fatalf("GET /reports/stages: %d %v, want 500", got, out)
	}
	body, _ := json.Marshal(out)
	for _, leak := range []string{"SELECT", "deals", "tenant", "stages"} {
		if bytes.Contains(body, []byte(leak)) {
			t.Errorf("the 500 says %q: %s", leak, body)
		}
	}
	if !slices.Equal(keys(out), []string{"error"}) {
		t.Errorf("the 500's body is %s", body)
	}
}

func keys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
