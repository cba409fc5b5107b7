package cursor_test

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tenantq/tenantq/cursor"
	"github.com/tenantq/tenantq/tenantq"
)

// A paginated JSON endpoint: GET /contacts?first=50&after=<cursor>. TestPagesMatchOffsetOrder
// runs this flow against a real PostgreSQL.
func ExamplePage() {
	var (
		pool   *pgxpool.Pool             // the application's pool
		tq     *tenantq.Tenancy          // made once from tenantq.yaml
		pager  *cursor.Pager             // made once: cursor.NewPager(keyring, spec)
		tenant func(*http.Request) int64 // the authenticated tenant
	)
	type contact struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	}
	http.HandleFunc("GET /contacts", func(w http.ResponseWriter, r *http.Request) {
		scope, err := tq.Scope(tenant(r))
		if err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		first, _ := strconv.Atoi(r.URL.Query().Get("first"))
		items, info, err := cursor.Page(r.Context(), pager, tenantq.Pgx(pool),
			scope.Select("id", "name").From("contacts"),
			cursor.Request{First: max(first, 1), After: r.URL.Query().Get("after")},
			func(row cursor.Row) (contact, error) {
				var c contact
				return c, row.Scan(&c.ID, &c.Name)
			})
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest) // a bad cursor: errors.Is(err, cursor.ErrTenant), ...
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"contacts": items, "pageInfo": info})
	})
}
