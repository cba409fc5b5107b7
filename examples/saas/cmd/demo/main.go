// Command demo walks through the saas example's API as two tenants and prints each request,
// each response, and what the guard and the audit hook log. make demo (in examples/saas) runs
// it against a throwaway PostgreSQL:
//
//	cd examples && ../scripts/with-postgres go run ./saas/cmd/demo
//
// It reads the database from DATABASE_URL, or from the libpq variables when that is empty, and
// applies the schema when the tables are missing. The requests go to the handler in process.
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tenantq/tenantq/cursor"
	"github.com/tenantq/tenantq/examples/saas/api"
	"github.com/tenantq/tenantq/examples/saas/store"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run() error {
	// The guard, the audit hook and the API log here, between the requests, without times.
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			switch {
			case a.Key == slog.TimeKey && len(groups) == 0:
				return slog.Attr{}
			case a.Key == "sql" && strings.Contains(a.Value.String(), "\n"):
				// The schema, applied on a fresh database: its first line is enough.
				first, _, _ := strings.Cut(a.Value.String(), "\n")
				return slog.String("sql", first+" ...")
			}
			return a
		},
	})))
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		return err
	}
	defer pool.Close()
	secret := make([]byte, 32)
	rand.Read(secret)
	keyring, err := cursor.NewKeyring(cursor.SigningKey{ID: "demo", Secret: secret})
	if err != nil {
		return err
	}
	st, err := store.New(pool, keyring)
	if err != nil {
		return err
	}
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	h := api.New(st, slog.Default())
	call := func(tenant, method, path, body string) map[string]any {
		return do(h, tenant, method, path, body)
	}

	step("Tenants 1 and 2 add contacts.")
	ada := id(call("1", "POST", "/contacts", `{"name": "Ada Lovelace", "email": "ada@example.com"}`))
	call("1", "POST", "/contacts", `{"name": "Grace Hopper"}`)
	call("2", "POST", "/contacts", `{"name": "Linus Torvalds"}`)

	step("Tenant 1 pages through its contacts, newest first, one a page.")
	page := call("1", "GET", "/contacts?first=1", "")
	after := page["pageInfo"].(map[string]any)["endCursor"].(string)
	call("1", "GET", "/contacts?first=1&after="+after, "")

	step("Tenant 2 replays tenant 1's cursor: refused, the cursor is bound to its tenant.")
	call("2", "GET", "/contacts?first=1&after="+after, "")

	step("Tenant 1 opens a deal on a global plan; tenant 2 tries to close it.")
	deal := id(call("1", "POST", "/contacts/"+ada+"/deals", `{"title": "Analytical Engine", "amount_cents": 490000, "plan_id": 2}`))
	call("2", "PATCH", "/deals/"+deal, `{"stage": "lost"}`)
	call("1", "PATCH", "/deals/"+deal, `{"stage": "won"}`)

	step("Tenant 1 keeps a note; tenant 2 tries to delete it and to read the contact's notes.")
	note := id(call("1", "POST", "/contacts/"+ada+"/notes", `{"body": "Prefers letters to calls."}`))
	call("2", "DELETE", "/notes/"+note, "")
	call("2", "GET", "/contacts/"+ada+"/notes", "")
	call("1", "GET", "/contacts/"+ada+"/notes", "")

	step("The stage report is the deliberate mistake (no tenant_id): the guard refuses it.")
	call("1", "GET", "/reports/stages", "")

	step("Requests without a tenant, or with a bad one.")
	call("", "GET", "/contacts", "")
	call("one", "GET", "/contacts", "")

	step("The admin job's billing count crosses tenants on purpose: unscoped, and audited.")
	counts, err := st.ContactsPerTenant(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("contacts per tenant: %v\n", counts)
	return nil
}

func step(s string) { fmt.Printf("\n# %s\n", s) }

// cursors matches the cursors of a page, to shorten them in the output.
var cursors = regexp.MustCompile(`("(?:start|end)Cursor":")([A-Za-z0-9_-]{12})[A-Za-z0-9_-]+"`)

// do sends one request to h as the tenant ("" sends no X-Tenant-ID), prints it and its response,
// and returns the response's JSON.
func do(h http.Handler, tenant, method, path, body string) map[string]any {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	who := "no tenant"
	if tenant != "" {
		req.Header.Set(api.TenantHeader, tenant)
		who = "tenant " + tenant
	}
	fmt.Println(strings.TrimSpace(fmt.Sprintf("%-10s  %s %s %s", who, method, shorten(path), body)))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	out := bytes.TrimSpace(rec.Body.Bytes())
	fmt.Printf("%13d  %s\n", rec.Code, cursors.ReplaceAll(out, []byte("$1$2...\"")))
	var v map[string]any
	json.Unmarshal(out, &v)
	return v
}

// shorten cuts a cursor in a path to its first 12 characters.
func shorten(path string) string {
	if i := strings.Index(path, "after="); i >= 0 && len(path) > i+18 {
		return path[:i+18] + "..."
	}
	return path
}

// id returns the id of a created object, as text for a path.
func id(obj map[string]any) string {
	n, _ := obj["id"].(float64)
	return strconv.FormatInt(int64(n), 10)
}
