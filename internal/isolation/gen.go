package isolation

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// DDL creates the schema the generated statements run against and seeds it with three tenants
// (1, 2 and 3) whose rows overlap in ids, names and per-tenant unique keys, so that a statement
// that forgets its tenant predicate really reads or changes another tenant's rows. contacts.handle
// and deals.id are unique across tenants, so that an upsert whose conflict target lacks the
// tenant column can reach another tenant's row. The tables of [KeysDDL] follow: tables with no
// tenant column of their own, owned through a parent, reached through a membership table, and
// a sub-tenant.
const DDL = tenantDDL + KeysDDL

// tenantDDL holds the tables with a tenant column of their own and the global tables.
const tenantDDL = `
CREATE TABLE plans (id bigint PRIMARY KEY, name text NOT NULL, price int NOT NULL);
CREATE TABLE countries (code text PRIMARY KEY, name text NOT NULL);
CREATE TABLE contacts (
	tenant_id bigint NOT NULL, id bigint NOT NULL, name text NOT NULL, email text NOT NULL,
	handle text NOT NULL UNIQUE, plan_id bigint, country text,
	PRIMARY KEY (tenant_id, id), UNIQUE (tenant_id, email));
CREATE TABLE deals (
	tenant_id bigint NOT NULL, id bigint PRIMARY KEY, contact_id bigint NOT NULL,
	stage text NOT NULL, amount int NOT NULL);
CREATE TABLE notes (
	tenant_id bigint NOT NULL, id bigint NOT NULL, contact_id bigint, deal_id bigint,
	body text NOT NULL, PRIMARY KEY (tenant_id, id));
CREATE TABLE tags (
	tenant_id bigint NOT NULL, id bigint NOT NULL, contact_id bigint NOT NULL, name text NOT NULL,
	PRIMARY KEY (tenant_id, id), UNIQUE (tenant_id, name));
INSERT INTO plans VALUES (1, 'free', 0), (2, 'pro', 20), (3, 'team', 50);
INSERT INTO countries VALUES ('fr', 'France'), ('de', 'Germany'), ('us', 'United States');
INSERT INTO contacts SELECT t, c, (ARRAY['Ann', 'Bob', 'Cid', 'Dee'])[c], 'c' || c || '@x',
	'h' || t || '-' || c, 1 + c % 3, (ARRAY['fr', 'de', 'us'])[1 + c % 3]
	FROM generate_series(1, 3) t, generate_series(1, 4) c;
INSERT INTO contacts VALUES (2, 5, 'Eve', 'c5@x', 'h2-5', NULL, NULL);
INSERT INTO deals SELECT t, t * 100 + k, 1 + k % 4, (ARRAY['open', 'won', 'lost'])[1 + k % 3], k * 10 * t
	FROM generate_series(1, 3) t, generate_series(1, 6) k;
INSERT INTO notes SELECT t, k, 1 + k % 5, t * 100 + k, 'note ' || k
	FROM generate_series(1, 3) t, generate_series(1, 6) k;
INSERT INTO tags SELECT t, k, 1 + k % 4, (ARRAY['vip', 'lead', 'cold'])[k]
	FROM generate_series(1, 3) t, generate_series(1, 3) k;
`

// Tenants are the tenant ids DDL seeds.
var Tenants = []int64{1, 2, 3}

// GlobalTables are the tables of DDL that hold no tenant data.
var GlobalTables = []string{"plans", "countries"}

// TenantTables are the tables of DDL that hold tenant data, in the column tenant_id.
var TenantTables = []string{"contacts", "deals", "notes", "tags"}

// TenantColumnPrefix starts the name of every result column that carries a tenant id: a
// generated statement projects the tenant column of each tenant-table occurrence that produces
// rows as tq_t0, tq_t1, ..., and its RETURNING clause does the same.
const TenantColumnPrefix = "tq_t"

// A Statement is one generated SQL statement.
type Statement struct {
	// SQL is the statement text. $1 is the tenant, unless a mutation removed every use of it
	// and the other placeholders were numbered from $1.
	SQL string
	// Args are the arguments of SQL's placeholders, $1 first; empty when SQL has none.
	Args []any
	// Tenant is the tenant the statement runs as, and the value of $1.
	Tenant int64
	// Kind names the statement's shape, such as "select", "setop", "update" or "upsert".
	Kind string
	// Mutation says how the statement was made unsafe, such as "drop-pin d2", or is empty when
	// it was generated safe.
	Mutation string
	// Sub is the project (sub-tenant key project_id) the statement runs in, nil for none: a
	// project of Tenant, which the caller vouches for (tenantq.Scope.Sub).
	Sub any
}

// Mutated reports whether the statement is an unsafe variant.
func (s Statement) Mutated() bool { return s.Mutation != "" }

// A Generator makes random statements over DDL's schema. The same seed gives the same
// statements. A Generator is not safe for concurrent use.
type Generator struct {
	rng *rand.Rand
}

// NewGenerator returns a Generator seeded with seed.
func NewGenerator(seed uint64) *Generator {
	return &Generator{rng: rand.New(rand.NewPCG(seed, 0x74656e616e7471))}
}

// mutationRate is the share of statements made unsafe.
const mutationRate = 0.5

// keysRate is the percentage of statements over the tables of KeysDDL (see KeyKinds).
const keysRate = 30

// Next returns the next statement.
func (g *Generator) Next() Statement {
	b := &builder{r: g.rng, pinByMarker: map[string]int{}}
	b.tenant = Tenants[b.r.IntN(len(Tenants))]
	b.other = b.pickOther()
	b.literal = b.r.IntN(8) == 0
	b.mutate = b.r.Float64() < mutationRate
	b.args = []any{b.tenant}
	var body string
	switch x := b.r.IntN(100); {
	case b.r.IntN(100) < keysRate:
		body = b.keys()
	case x < 38:
		b.kind = "select"
		body = b.topSelect()
	case x < 48:
		b.kind = "setop"
		body = b.setOp()
	case x < 54:
		b.kind = "aggregate"
		body = b.aggregate()
	case x < 66:
		b.kind = "update"
		body = b.update()
	case x < 74:
		b.kind = "delete"
		body = b.delete()
	case x < 81:
		b.kind = "insert-values"
		body = b.insertValues()
	case x < 88:
		b.kind = "insert-select"
		body = b.insertSelect()
	default:
		b.kind = "upsert"
		body = b.upsert()
	}
	return b.render(body)
}

// table describes one table of DDL for the generator.
type table struct {
	name   string
	tenant bool
	// letter starts the table's aliases.
	letter string
	// filters are predicates on the table; {a} stands for its alias.
	filters []string
	// paramFilters are predicates with one placeholder, {a} the alias and {p} the placeholder.
	paramFilters []paramFilter
	// sets are SET clauses for UPDATE, {a} standing for the target's alias.
	sets []string
}

type paramFilter struct {
	expr string
	arg  func(r *rand.Rand) any
}

func intArg(lo, hi int64) func(*rand.Rand) any {
	return func(r *rand.Rand) any { return lo + r.Int64N(hi-lo+1) }
}

func textArg(vals ...string) func(*rand.Rand) any {
	return func(r *rand.Rand) any { return vals[r.IntN(len(vals))] }
}

var tables = map[string]*table{
	"contacts": {
		name: "contacts", tenant: true, letter: "c",
		filters: []string{"{a}.name <> 'Bob'", "{a}.id <= 3", "{a}.email LIKE 'c%'", "{a}.plan_id = 2",
			"{a}.country <> 'de'", "{a}.id IN (1, 2, 4)"},
		paramFilters: []paramFilter{{"{a}.id <= {p}", intArg(1, 4)}, {"{a}.name <> {p}", textArg("Ann", "Cid")}},
		sets:         []string{"name = {a}.name || '+'", "plan_id = 3", "country = 'us'"},
	},
	"deals": {
		name: "deals", tenant: true, letter: "d",
		filters:      []string{"{a}.stage = 'won'", "{a}.amount > 20", "{a}.id % 2 = 0", "{a}.stage <> 'lost'"},
		paramFilters: []paramFilter{{"{a}.amount >= {p}", intArg(0, 60)}, {"{a}.stage = {p}", textArg("open", "won")}},
		sets:         []string{"stage = 'lost'", "amount = {a}.amount + 1"},
	},
	"notes": {
		name: "notes", tenant: true, letter: "n",
		filters:      []string{"{a}.id <> 2", "{a}.body LIKE 'note%'", "{a}.deal_id IS NOT NULL", "{a}.id <= 4"},
		paramFilters: []paramFilter{{"{a}.id > {p}", intArg(0, 4)}},
		sets:         []string{"body = {a}.body || '!'", "deal_id = NULL"},
	},
	"tags": {
		name: "tags", tenant: true, letter: "g",
		filters:      []string{"{a}.name <> 'cold'", "{a}.id < 3", "{a}.contact_id > 1"},
		paramFilters: []paramFilter{{"{a}.name <> {p}", textArg("vip", "lead")}},
		sets:         []string{"name = {a}.name || '*'", "contact_id = 4"},
	},
	"orders": {
		name: "orders", tenant: true, letter: "o",
		filters:      []string{"{a}.status <> 'sent'", "{a}.num <= 3", "{a}.id % 2 = 0"},
		paramFilters: []paramFilter{{"{a}.num >= {p}", intArg(1, 4)}, {"{a}.status = {p}", textArg("new", "paid")}},
	},
	"line_items": {
		name: "line_items", letter: "l",
		filters:      []string{"{a}.qty = 1", "{a}.sku <> 'sku-2'", "{a}.qty >= 1"},
		paramFilters: []paramFilter{{"{a}.qty <= {p}", intArg(1, 2)}},
	},
	"item_notes": {
		name: "item_notes", letter: "i",
		filters: []string{"{a}.body LIKE 'on%'", "{a}.id > 0"},
	},
	"users": {
		name: "users", letter: "u",
		filters: []string{"{a}.name <> 'Bob'", "{a}.email LIKE 'u%'"},
	},
	"memberships": {
		name: "memberships", tenant: true, letter: "m",
		filters:      []string{"{a}.role = 'member'", "{a}.id <= 3", "{a}.role <> 'guest'"},
		paramFilters: []paramFilter{{"{a}.role = {p}", textArg("owner", "member")}},
	},
	"projects": {
		name: "projects", tenant: true, letter: "pr",
		filters: []string{"{a}.name <> 'p2'", "{a}.id % 10 <= 2"},
	},
	"tasks": {
		name: "tasks", tenant: true, letter: "t",
		filters:      []string{"NOT {a}.done", "{a}.title LIKE 'task%'", "{a}.id % 2 = 1"},
		paramFilters: []paramFilter{{"{a}.title <> {p}", textArg("task 1", "task 2")}},
	},
	"boards": {
		name: "boards", letter: "b",
		filters: []string{"{a}.name <> 'board 2'", "{a}.id % 2 = 1"},
	},
	"milestones": {
		name: "milestones", tenant: true, letter: "ms",
		filters: []string{"{a}.title <> 'm1'", "{a}.id >= 1"},
	},
	"plans": {
		name: "plans", letter: "p",
		filters: []string{"{a}.price >= 0", "{a}.name <> 'team'"},
	},
	"countries": {
		name: "countries", letter: "k",
		filters: []string{"{a}.code <> 'us'"},
	},
}

// A relation is a foreign-key-like pair of columns: a.acol = b.bcol.
type relation struct{ a, acol, b, bcol string }

var relations = []relation{
	{"deals", "contact_id", "contacts", "id"},
	{"notes", "contact_id", "contacts", "id"},
	{"notes", "deal_id", "deals", "id"},
	{"tags", "contact_id", "contacts", "id"},
	{"notes", "contact_id", "tags", "contact_id"},
	{"deals", "contact_id", "tags", "contact_id"},
	{"deals", "contact_id", "notes", "contact_id"},
	{"contacts", "plan_id", "plans", "id"},
	{"contacts", "country", "countries", "code"},
}

// related returns the column pairs (xcol of x, ycol of y) that relate table x to table y.
func related(x, y string) [][2]string {
	var out [][2]string
	for _, r := range relations {
		switch {
		case r.a == x && r.b == y:
			out = append(out, [2]string{r.acol, r.bcol})
		case r.b == x && r.a == y:
			out = append(out, [2]string{r.bcol, r.acol})
		}
	}
	return out
}

// A source is one FROM item of a query level.
type source struct {
	alias string
	table string
	// kind is "table", "derived", "cte", "lateral" or "dml" (a data-modifying CTE).
	kind string
	// tcol is the column holding the real tenant when a mutation renamed it, "-" when no
	// column does; empty means tenant_id.
	tcol string
}

func (s source) tenant() bool { return tables[s.table].tenant }

// tenantExpr is the expression a SELECT projects for s's tenant.
func (s source) tenantExpr() string {
	switch s.tcol {
	case "":
		return s.alias + ".tenant_id"
	case "-":
		return "NULL::bigint"
	}
	return s.alias + "." + s.tcol
}

// columns are the columns of each tenant table, in DDL order.
var columns = map[string][]string{
	"contacts": {"tenant_id", "id", "name", "email", "handle", "plan_id", "country"},
	"deals":    {"tenant_id", "id", "contact_id", "stage", "amount"},
	"notes":    {"tenant_id", "id", "contact_id", "deal_id", "body"},
	"tags":     {"tenant_id", "id", "contact_id", "name"},
}

// selectList lists t's columns qualified by alias, with tenant_id and id swapped when swap is
// set.
func selectList(t, alias string, swap bool) string {
	var out []string
	for _, c := range columns[t] {
		switch {
		case swap && c == "tenant_id":
			c = "id"
		case swap && c == "id":
			c = "tenant_id"
		}
		out = append(out, alias+"."+c)
	}
	return strings.Join(out, ", ")
}

// columnList lists t's column names, with tenant_id and id swapped when swap is set.
func columnList(t string, swap bool) string {
	return strings.ReplaceAll(selectList(t, "", swap), ".", "")
}

// A pinSlot is a tenant predicate in the statement, rendered at the end so that one can be
// mutated.
type pinSlot struct {
	alias string // the pinned occurrence
	ref   string // the occurrence it is equated with, "" for a tenant value
	safe  string // the safe text
	// conflict marks the WHERE of an ON CONFLICT DO UPDATE.
	conflict bool
}

// builder makes one statement.
type builder struct {
	r       *rand.Rand
	kind    string
	tenant  int64
	other   int64
	literal bool // tenant values are the literal tenant, not $1; no other placeholders
	args    []any
	pins    []pinSlot
	ctes    []string
	nAlias  int
	nCTE    int
	// recursive says a CTE refers to itself.
	recursive bool
	// plain keeps derived tables and CTEs to SELECT * of one pinned table.
	plain bool
	// mutate says the statement is to be made unsafe; mutation says how, once done.
	mutate      bool
	mutation    string
	pinByMarker map[string]int
	// sub is the statement's sub-tenant (a project of the tenant), nil for none.
	sub any
}

func (b *builder) pickOther() int64 {
	for {
		if o := Tenants[b.r.IntN(len(Tenants))]; o != b.tenant {
			return o
		}
	}
}

// pct returns true with probability p percent.
func (b *builder) pct(p int) bool { return b.r.IntN(100) < p }

func pick[T any](b *builder, xs []T) T { return xs[b.r.IntN(len(xs))] }

// offer takes mutation kind with probability p percent when the statement is to be mutated and
// is not yet.
func (b *builder) offer(kind string, p int) bool {
	if b.mutate && b.mutation == "" && b.pct(p) {
		b.mutation = kind
		return true
	}
	return false
}

func (b *builder) alias(t string) string {
	b.nAlias++
	return fmt.Sprintf("%s%d", tables[t].letter, b.nAlias)
}

// tv returns a tenant value: $1, possibly cast, or the literal tenant.
func (b *builder) tv() string {
	if b.literal {
		return strconv.FormatInt(b.tenant, 10)
	}
	switch b.r.IntN(10) {
	case 0:
		return "$1::bigint"
	case 1:
		return "CAST($1 AS bigint)"
	case 2:
		return "$1::int8"
	}
	return "$1"
}

func (b *builder) otherLit() string { return strconv.FormatInt(b.other, 10) }

// arg binds v to a new placeholder and returns it, or returns v as a literal in literal mode.
func (b *builder) arg(v any) string {
	if b.literal {
		switch v := v.(type) {
		case string:
			return "'" + strings.ReplaceAll(v, "'", "''") + "'"
		default:
			return fmt.Sprint(v)
		}
	}
	b.args = append(b.args, v)
	return fmt.Sprintf("$%d", len(b.args))
}

// otherValue is another tenant as a value: a constant or, outside literal mode, a placeholder.
func (b *builder) otherValue() string {
	if !b.literal && b.pct(40) {
		return b.arg(b.other)
	}
	return b.otherLit()
}

func sub(tmpl, alias string) string { return strings.ReplaceAll(tmpl, "{a}", alias) }

// filter returns a random non-tenant predicate on s.
func (b *builder) filter(s source) string {
	t := tables[s.table]
	if len(t.paramFilters) > 0 && b.pct(30) {
		f := pick(b, t.paramFilters)
		return strings.ReplaceAll(sub(f.expr, s.alias), "{p}", b.arg(f.arg(b.r)))
	}
	return sub(pick(b, t.filters), s.alias)
}

// pin records a tenant predicate pinning alias to the tenant value, or to ref's tenant column
// when ref is not empty, and returns its marker.
func (b *builder) pin(alias, ref string) string {
	var safe string
	col := alias + ".tenant_id"
	if ref != "" {
		if b.pct(50) {
			safe = col + " = " + ref + ".tenant_id"
		} else {
			safe = ref + ".tenant_id = " + col
		}
	} else {
		switch b.r.IntN(12) {
		case 0:
			safe = b.tv() + " = " + col
		case 1:
			safe = col + " IN (" + b.tv() + ")"
		case 2:
			safe = fmt.Sprintf("(%s, %s.id) = (%s, %d)", col, alias, b.tv(), 1+b.r.IntN(3))
		case 3:
			safe = fmt.Sprintf("(%s = %s AND %s.id <= %d OR %s = %s AND %s.id > %d)",
				col, b.tv(), alias, 2, col, b.tv(), alias, 2)
		default:
			safe = col + " = " + b.tv()
		}
	}
	return b.addPin(pinSlot{alias: alias, ref: ref, safe: safe})
}

func (b *builder) addPin(p pinSlot) string {
	b.pins = append(b.pins, p)
	m := fmt.Sprintf("\x00PIN%d\x00", len(b.pins)-1)
	b.pinByMarker[m] = len(b.pins) - 1
	return m
}

// pinTo pins s by value or, when a tenant source among prior exists and a coin says so, by
// equality with it.
func (b *builder) pinTo(s source, prior []source) string {
	var refs []source
	for _, p := range prior {
		if p.tenant() {
			refs = append(refs, p)
		}
	}
	if len(refs) > 0 && b.pct(50) {
		return b.pin(s.alias, pick(b, refs).alias)
	}
	return b.pin(s.alias, "")
}

// cte defines a CTE over table t, pinned inside, and returns its name; dml makes it a
// data-modifying CTE.
func (b *builder) cte(t string, dml bool) string {
	b.nCTE++
	name := fmt.Sprintf("%s_cte%d", t, b.nCTE)
	x := source{alias: b.alias(t), table: t, kind: "table"}
	where := b.pin(x.alias, "")
	if b.pct(50) {
		where += " AND " + b.filter(x)
	}
	var body string
	switch {
	case dml && b.pct(60):
		body = fmt.Sprintf("UPDATE %s %s SET %s WHERE %s RETURNING %s.*", t, x.alias, sub(pick(b, tables[t].sets), x.alias), where, x.alias)
	case dml:
		body = fmt.Sprintf("DELETE FROM %s %s WHERE %s RETURNING %s.*", t, x.alias, where, x.alias)
	default:
		body = fmt.Sprintf("SELECT * FROM %s %s WHERE %s", t, x.alias, where)
	}
	mat := ""
	if !dml && b.pct(15) {
		mat = pick(b, []string{"MATERIALIZED ", "NOT MATERIALIZED "})
	}
	b.ctes = append(b.ctes, fmt.Sprintf("%s AS %s(%s)", name, mat, body))
	return name
}

// recursiveCTE defines a recursive CTE over s.table following ids upwards, each step pinned to
// the previous row's tenant, and returns its name.
func (b *builder) recursiveCTE(s *source) string {
	t := s.table
	b.nCTE++
	b.recursive = true
	name := fmt.Sprintf("%s_rec%d", t, b.nCTE)
	x := source{alias: b.alias(t), table: t, kind: "table"}
	y := source{alias: b.alias(t), table: t, kind: "table"}
	r := "r" + strings.TrimPrefix(y.alias, tables[t].letter)
	list := selectList(t, y.alias, false)
	if b.offer("recursive-arm-swap "+s.alias, 50) {
		s.tcol = "-"
		list = selectList(t, y.alias, true)
	}
	b.ctes = append(b.ctes, fmt.Sprintf("%s AS (SELECT * FROM %s %s WHERE %s AND %s.id <= 2 UNION SELECT %s FROM %s %s JOIN %s %s ON %s.id = %s.id + 1 AND %s)",
		name, t, x.alias, b.pin(x.alias, ""), x.alias, list, t, y.alias, name, r, y.alias, r, b.pin(y.alias, r)))
	return name
}

// cteColumnList defines a CTE over s.table with a column list, and returns its name.
func (b *builder) cteColumnList(s *source) string {
	t := s.table
	b.nCTE++
	name := fmt.Sprintf("%s_cols%d", t, b.nCTE)
	x := source{alias: b.alias(t), table: t, kind: "table"}
	swap := b.offer("cte-column-list-swap "+s.alias, 60)
	if swap {
		s.tcol = "id"
	}
	b.ctes = append(b.ctes, fmt.Sprintf("%s(%s) AS (SELECT %s FROM %s %s WHERE %s)",
		name, columnList(t, swap), selectList(t, x.alias, false), t, x.alias, b.pin(x.alias, "")))
	return name
}

// pickTables returns n tenant tables and perhaps a global one, each after the first related to
// an earlier one where possible.
func (b *builder) pickTables(n int, global bool) []string {
	out := []string{pick(b, TenantTables)}
	for len(out) < n {
		var cands []string
		for _, t := range TenantTables {
			for _, o := range out {
				if len(related(t, o)) > 0 {
					cands = append(cands, t)
					break
				}
			}
		}
		if len(cands) == 0 || b.pct(10) {
			cands = TenantTables
		}
		out = append(out, pick(b, cands))
	}
	if global {
		g := "plans"
		if b.pct(40) {
			g = "countries"
		}
		if !slices.Contains(out, "contacts") || b.pct(20) {
			out = append(out, g) // joined on TRUE or crossed
		} else {
			at := 1 + b.r.IntN(len(out))
			out = slices.Insert(out, at, g)
		}
	}
	return out
}

// relatedPrior returns a prior source related to table t and the join condition, or false.
func (b *builder) relatedPrior(t, alias string, prior []source) (source, string, bool) {
	type cand struct {
		s    source
		cond string
	}
	var cands []cand
	for _, p := range prior {
		for _, cols := range related(t, p.table) {
			cands = append(cands, cand{p, fmt.Sprintf("%s.%s = %s.%s", alias, cols[0], p.alias, cols[1])})
		}
	}
	if len(cands) == 0 {
		return source{}, "", false
	}
	c := pick(b, cands)
	return c.s, c.cond, true
}

// level is one query level under construction.
type level struct {
	from  strings.Builder
	srcs  []source
	where []string
}

// coreOpts shape a SELECT core.
type coreOpts struct {
	setop bool // an arm of a set operation: project exactly the tenant columns
	depth int  // how deep subqueries may nest
}

// selectCore returns a SELECT over n tenant tables (and perhaps a global one) projecting the
// tenant column of each row-producing occurrence as tq_t0, tq_t1, ...
func (b *builder) selectCore(n int, o coreOpts) string {
	lv := b.fromClause(n, o, true)
	var sel []string
	k := 0
	for _, s := range lv.srcs {
		if s.tenant() {
			sel = append(sel, fmt.Sprintf("%s AS %s%d", s.tenantExpr(), TenantColumnPrefix, k))
			k++
		}
	}
	if !o.setop {
		if b.pct(40) {
			s := pick(b, lv.srcs)
			sel = append(sel, s.alias+"."+pick(b, projCols(s.table)))
		}
		if o.depth > 0 && b.pct(25) {
			if x, ok := b.scalarTenant(lv.srcs, k); ok {
				sel = append(sel, x)
			}
		}
	}
	q := "SELECT "
	if b.pct(10) {
		q += "DISTINCT "
	}
	q += strings.Join(sel, ", ") + " FROM " + lv.from.String()
	if len(lv.where) > 0 {
		q += " WHERE " + strings.Join(lv.where, " AND ")
	}
	return q
}

// projCols are non-tenant columns of table t a SELECT may project.
func projCols(t string) []string {
	switch t {
	case "countries":
		return []string{"code", "name"}
	case "deals", "notes":
		return []string{"id"}
	}
	return []string{"id", "name"}
}

// fromClause builds a FROM clause with n tenant tables, their pins, filters and subquery
// predicates.
func (b *builder) fromClause(n int, o coreOpts, allowGlobal bool) *level {
	lv := &level{}
	names := b.pickTables(n, allowGlobal && b.pct(25))
	var pendingFirst string // the first source's pin, placed in WHERE unless moved
	commaOK := true
	for i, t := range names {
		s := source{alias: b.alias(t), table: t, kind: "table"}
		if tables[t].tenant {
			switch x := b.r.IntN(100); {
			case x < 15:
				s.kind = "derived"
			case x < 27:
				s.kind = "cte"
			case x < 31 && o.depth >= 1:
				s.kind = "dml"
			case x < 45 && i > 0:
				s.kind = "lateral"
			}
		}
		if s.kind == "lateral" {
			if _, _, ok := b.relatedPrior(t, "x", lv.srcs); !ok {
				s.kind = "table"
			}
		}
		item := b.sourceText(&s, lv.srcs)
		needPin := s.tenant() && s.kind == "table"
		if i == 0 {
			lv.from.WriteString(item)
			if needPin {
				pendingFirst = b.pin(s.alias, "")
			}
			lv.srcs = append(lv.srcs, s)
			continue
		}
		_, cond, rel := b.relatedPrior(t, s.alias, lv.srcs)
		if s.kind == "lateral" {
			switch b.r.IntN(4) {
			case 0:
				if i == len(names)-1 && commaOK {
					lv.from.WriteString(", " + item)
					break
				}
				fallthrough
			case 1:
				lv.from.WriteString(" CROSS JOIN " + item)
			case 2:
				lv.from.WriteString(" JOIN " + item + " ON TRUE")
			default:
				lv.from.WriteString(" LEFT JOIN " + item + " ON TRUE")
			}
			lv.srcs = append(lv.srcs, s)
			continue
		}
		var kinds []string
		kinds = append(kinds, "join", "join", "left", "left", "right", "cross")
		if rel {
			kinds = append(kinds, "full")
		}
		if i == len(names)-1 && commaOK {
			kinds = append(kinds, "comma")
		}
		if i == 1 && s.tenant() && lv.srcs[0].tenant() {
			kinds = append(kinds, "using", "using")
		}
		jk := pick(b, kinds)
		var on []string
		if rel {
			on = append(on, cond)
		}
		switch jk {
		case "join", "left":
			kw := " JOIN "
			if jk == "left" {
				kw = pick(b, []string{" LEFT JOIN ", " LEFT OUTER JOIN "})
			} else if b.pct(30) {
				kw = " INNER JOIN "
			}
			if needPin {
				p := b.pinTo(s, lv.srcs)
				if b.pct(70) {
					on = append(on, p)
				} else {
					lv.where = append(lv.where, p)
				}
			}
			if jk == "left" && i == 1 && pendingFirst != "" && b.offer("pin-in-left-join-on "+lv.srcs[0].alias, 60) {
				on = append(on, pendingFirst)
				pendingFirst = ""
			}
			if len(on) == 0 {
				on = append(on, "TRUE")
			}
			lv.from.WriteString(kw + item + " ON " + strings.Join(on, " AND "))
		case "right":
			if needPin {
				p := b.pinTo(s, lv.srcs)
				if b.offer("pin-in-right-join-on "+s.alias, 40) {
					on = append(on, p)
				} else {
					lv.where = append(lv.where, p)
				}
			}
			if len(on) == 0 {
				on = append(on, "TRUE")
			}
			lv.from.WriteString(pick(b, []string{" RIGHT JOIN ", " RIGHT OUTER JOIN "}) + item + " ON " + strings.Join(on, " AND "))
		case "full":
			if needPin {
				lv.where = append(lv.where, b.pinTo(s, lv.srcs))
			}
			lv.from.WriteString(pick(b, []string{" FULL JOIN ", " FULL OUTER JOIN "}) + item + " ON " + cond)
		case "cross", "comma":
			if needPin {
				lv.where = append(lv.where, b.pinTo(s, lv.srcs))
			}
			if rel {
				lv.where = append(lv.where, cond)
			}
			if jk == "cross" {
				lv.from.WriteString(" CROSS JOIN " + item)
			} else {
				lv.from.WriteString(", " + item)
			}
		case "using":
			cols := []string{"tenant_id"}
			shared := ""
			for _, c := range []string{"contact_id"} {
				if hasCol(t, c) && hasCol(lv.srcs[0].table, c) {
					shared = c
				}
			}
			if shared != "" && b.pct(60) {
				cols = append(cols, shared)
			} else if rel {
				lv.where = append(lv.where, cond)
			}
			if shared != "" && b.offer("using-without-tenant "+s.alias, 40) {
				cols = []string{shared}
			}
			kw := " JOIN "
			if b.pct(30) {
				kw = " LEFT JOIN "
			}
			lv.from.WriteString(kw + item + " USING (" + strings.Join(cols, ", ") + ")")
		}
		lv.srcs = append(lv.srcs, s)
	}
	if pendingFirst != "" {
		lv.where = append([]string{pendingFirst}, lv.where...)
	}
	for range b.r.IntN(3) {
		lv.where = append(lv.where, b.filter(pick(b, lv.srcs)))
	}
	if o.depth > 0 && b.pct(40) {
		lv.where = append(lv.where, b.subPredicate(lv.srcs, o.depth-1))
	}
	b.r.Shuffle(len(lv.where), func(i, j int) { lv.where[i], lv.where[j] = lv.where[j], lv.where[i] })
	return lv
}

func hasCol(t, c string) bool {
	switch t {
	case "deals", "notes", "tags":
		return c == "contact_id"
	}
	return false
}

// sourceText renders s as a FROM item.
func (b *builder) sourceText(s *source, prior []source) string {
	t := s.table
	switch s.kind {
	case "derived":
		x := source{alias: b.alias(t), table: t, kind: "table"}
		where := b.pin(x.alias, "")
		if b.pct(50) {
			where += " AND " + b.filter(x)
		}
		switch b.r.IntN(8) + btoi(b.plain)*100 {
		case 0:
			// Columns renamed by position: tenant_id stays tenant_id unless mutated.
			swap := b.offer("derived-column-list-swap "+s.alias, 60)
			if swap {
				s.tcol = "id"
			}
			return fmt.Sprintf("(SELECT %s FROM %s %s WHERE %s) %s(%s)", selectList(t, x.alias, false), t, x.alias, where, s.alias, columnList(t, swap))
		case 1:
			// Columns renamed by AS.
			list := selectList(t, x.alias, false)
			if b.offer("derived-as-swap "+s.alias, 60) {
				s.tcol = "id"
				list = strings.Replace(strings.Replace(list, x.alias+".tenant_id", x.alias+".id AS tenant_id", 1),
					x.alias+".id,", x.alias+".tenant_id AS id,", 1)
			}
			return fmt.Sprintf("(SELECT %s FROM %s %s WHERE %s) %s", list, t, x.alias, where, s.alias)
		case 2:
			// A set operation whose arms are each pinned.
			y := source{alias: b.alias(t), table: t, kind: "table"}
			arm2 := "SELECT * FROM " + t + " " + y.alias
			if b.offer("setop-arm-swap "+s.alias, 60) {
				s.tcol = "-"
				arm2 = fmt.Sprintf("SELECT %s FROM %s %s", selectList(t, y.alias, true), t, y.alias)
			}
			op := pick(b, []string{"UNION", "UNION ALL", "EXCEPT", "INTERSECT"})
			if op == "EXCEPT" || op == "INTERSECT" {
				op = "UNION ALL" // the arms must both reach the output for the swap to matter
			}
			return fmt.Sprintf("(SELECT * FROM %s %s WHERE %s %s %s WHERE %s) %s", t, x.alias, where, op, arm2, b.pin(y.alias, ""), s.alias)
		}
		return fmt.Sprintf("(SELECT * FROM %s %s WHERE %s) %s", t, x.alias, where, s.alias)
	case "cte":
		switch b.r.IntN(6) + btoi(b.plain)*100 {
		case 0:
			return b.recursiveCTE(s) + " " + s.alias
		case 1:
			return b.cteColumnList(s) + " " + s.alias
		}
		return b.cte(t, false) + " " + s.alias
	case "dml":
		return b.cte(t, true) + " " + s.alias
	case "lateral":
		x := source{alias: b.alias(t), table: t, kind: "table"}
		p, cond, _ := b.relatedPrior(t, x.alias, prior)
		var pin string
		if p.tenant() && b.pct(70) {
			pin = b.pin(x.alias, p.alias)
		} else {
			pin = b.pin(x.alias, "")
		}
		limit := ""
		if b.pct(50) {
			limit = fmt.Sprintf(" ORDER BY %s.id LIMIT %d", x.alias, 1+b.r.IntN(2))
		}
		return fmt.Sprintf("LATERAL (SELECT %s.* FROM %s %s WHERE %s AND %s%s) %s", x.alias, t, x.alias, cond, pin, limit, s.alias)
	}
	return t + " " + s.alias
}

// subPredicate returns a predicate with a subquery over a tenant table, correlated with one of
// scope where a relation allows.
func (b *builder) subPredicate(scope []source, depth int) string {
	p := pick(b, scope)
	t := pick(b, TenantTables)
	var rels [][2]string
	for _, tt := range b.r.Perm(len(TenantTables)) {
		if r := related(TenantTables[tt], p.table); len(r) > 0 {
			t, rels = TenantTables[tt], r
			break
		}
	}
	x := source{alias: b.alias(t), table: t, kind: "table"}
	var pin string
	if p.tenant() && b.pct(50) {
		pin = b.pin(x.alias, p.alias)
	} else {
		pin = b.pin(x.alias, "")
	}
	where := []string{pin}
	if b.pct(40) {
		where = append(where, b.filter(x))
	}
	if depth > 0 && b.pct(30) {
		where = append(where, b.subPredicate([]source{x}, depth-1))
	}
	if len(rels) == 0 {
		return fmt.Sprintf("EXISTS (SELECT 1 FROM %s %s WHERE %s)", t, x.alias, strings.Join(where, " AND "))
	}
	cols := pick(b, rels)
	switch b.r.IntN(5) {
	case 0, 1:
		not := ""
		if b.pct(30) {
			not = "NOT "
		}
		where = append(where, fmt.Sprintf("%s.%s = %s.%s", x.alias, cols[0], p.alias, cols[1]))
		b.r.Shuffle(len(where), func(i, j int) { where[i], where[j] = where[j], where[i] })
		return fmt.Sprintf("%sEXISTS (SELECT 1 FROM %s %s WHERE %s)", not, t, x.alias, strings.Join(where, " AND "))
	case 2:
		return fmt.Sprintf("%s.%s IN (SELECT %s.%s FROM %s %s WHERE %s)", p.alias, cols[1], x.alias, cols[0], t, x.alias, strings.Join(where, " AND "))
	case 3:
		return fmt.Sprintf("%s.%s = ANY (SELECT %s.%s FROM %s %s WHERE %s)", p.alias, cols[1], x.alias, cols[0], t, x.alias, strings.Join(where, " AND "))
	default:
		return fmt.Sprintf("%s.%s <= (SELECT max(%s.%s) FROM %s %s WHERE %s)", p.alias, cols[1], x.alias, cols[0], t, x.alias, strings.Join(where, " AND "))
	}
}

// scalarTenant returns a scalar subquery projecting the min or max tenant column of a table
// related to one of scope, named tq_t<k>.
func (b *builder) scalarTenant(scope []source, k int) (string, bool) {
	p := pick(b, scope)
	for _, i := range b.r.Perm(len(TenantTables)) {
		t := TenantTables[i]
		rels := related(t, p.table)
		if len(rels) == 0 {
			continue
		}
		cols := pick(b, rels)
		x := source{alias: b.alias(t), table: t, kind: "table"}
		var pin string
		if p.tenant() && b.pct(50) {
			pin = b.pin(x.alias, p.alias)
		} else {
			pin = b.pin(x.alias, "")
		}
		agg := pick(b, []string{"min", "max"})
		return fmt.Sprintf("(SELECT %s(%s.tenant_id) FROM %s %s WHERE %s.%s = %s.%s AND %s) AS %s%d",
			agg, x.alias, t, x.alias, x.alias, cols[0], p.alias, cols[1], pin, TenantColumnPrefix, k), true
	}
	return "", false
}

// topSelect returns a SELECT with 1 to 4 tenant tables, perhaps ordered and limited.
func (b *builder) topSelect() string {
	q := b.selectCore(1+b.r.IntN(4), coreOpts{depth: 2})
	if b.pct(30) {
		q += " ORDER BY 1"
		if b.pct(50) {
			q += fmt.Sprintf(" LIMIT %d", 1+b.r.IntN(5))
		}
	}
	return q
}

// setOp returns a UNION, UNION ALL, INTERSECT or EXCEPT of two or three SELECT cores.
func (b *builder) setOp() string {
	n := 1 + b.r.IntN(2)
	arms := 2 + b.r.IntN(2)
	paren := b.pct(30)
	var q strings.Builder
	for i := range arms {
		if i > 0 {
			q.WriteString(" " + pick(b, []string{"UNION", "UNION ALL", "INTERSECT", "EXCEPT", "UNION", "UNION ALL"}) + " ")
		}
		arm := b.selectCore(n, coreOpts{setop: true, depth: 1})
		if paren {
			arm = "(" + arm + ")"
		}
		q.WriteString(arm)
	}
	if b.pct(30) {
		q.WriteString(" ORDER BY 1")
	}
	return q.String()
}

// aggregate returns a grouped SELECT projecting min and max of every tenant column.
func (b *builder) aggregate() string {
	lv := b.fromClause(1+b.r.IntN(3), coreOpts{depth: 1}, true)
	var sel []string
	k := 0
	for _, s := range lv.srcs {
		if s.tenant() {
			sel = append(sel, fmt.Sprintf("min(%s) AS %s%d, max(%s) AS %s%d",
				s.tenantExpr(), TenantColumnPrefix, k, s.tenantExpr(), TenantColumnPrefix, k+1))
			k += 2
		}
	}
	sel = append(sel, "count(*) AS n")
	group := ""
	if b.pct(60) {
		s := lv.srcs[0]
		g := s.alias + ".id"
		if s.table == "countries" {
			g = s.alias + ".code"
		}
		sel = append([]string{g}, sel...)
		group = " GROUP BY " + g
		if b.pct(30) {
			group += " HAVING count(*) > 0"
		}
	}
	q := "SELECT " + strings.Join(sel, ", ") + " FROM " + lv.from.String()
	if len(lv.where) > 0 {
		q += " WHERE " + strings.Join(lv.where, " AND ")
	}
	return q + group
}

// writeSources adds 0 to 2 sources to an UPDATE FROM or DELETE USING list, each joined to the
// target or an earlier source in WHERE and pinned there.
func (b *builder) writeSources(target source, where *[]string) ([]source, string) {
	srcs := []source{target}
	var items []string
	var extra []source
	for range b.r.IntN(3) {
		var cands []string
		for _, t := range append(slices.Clone(TenantTables), GlobalTables...) {
			for _, s := range srcs {
				if len(related(t, s.table)) > 0 {
					cands = append(cands, t)
					break
				}
			}
		}
		t := pick(b, cands)
		s := source{alias: b.alias(t), table: t, kind: "table"}
		if s.tenant() {
			switch x := b.r.IntN(100); {
			case x < 20:
				s.kind = "derived"
			case x < 35:
				s.kind = "cte"
			case x < 40:
				s.kind = "dml"
			}
		}
		_, cond, _ := b.relatedPrior(t, s.alias, srcs)
		items = append(items, b.sourceText(&s, srcs))
		*where = append(*where, cond)
		if s.tenant() && s.kind == "table" {
			*where = append(*where, b.pinTo(s, srcs))
		}
		if b.pct(30) {
			*where = append(*where, b.filter(s))
		}
		srcs = append(srcs, s)
		extra = append(extra, s)
	}
	return extra, strings.Join(items, ", ")
}

// returning lists the tenant columns of srcs for RETURNING.
func returning(srcs []source) string {
	var cols []string
	k := 0
	for _, s := range srcs {
		if s.tenant() {
			cols = append(cols, fmt.Sprintf("%s AS %s%d", s.tenantExpr(), TenantColumnPrefix, k))
			k++
		}
	}
	return " RETURNING " + strings.Join(cols, ", ")
}

// update returns an UPDATE, perhaps with FROM.
func (b *builder) update() string {
	t := pick(b, TenantTables)
	a := source{alias: b.alias(t), table: t, kind: "table"}
	where := []string{b.pin(a.alias, "")}
	if b.pct(60) {
		where = append(where, b.filter(a))
	}
	extra, from := b.writeSources(a, &where)
	if b.pct(20) {
		where = append(where, b.subPredicate([]source{a}, 0))
	}
	sets := []string{sub(pick(b, tables[t].sets), a.alias)}
	switch {
	case b.offer("set-tenant-other", 25):
		sets = append(sets, "tenant_id = "+b.otherValue())
	case b.pct(10):
		own := []string{b.tv(), a.alias + ".tenant_id"}
		if from == "" {
			own = append(own, "tenant_id") // with FROM, PostgreSQL finds it ambiguous
		}
		sets = append(sets, "tenant_id = "+pick(b, own))
	}
	b.r.Shuffle(len(where), func(i, j int) { where[i], where[j] = where[j], where[i] })
	q := fmt.Sprintf("UPDATE %s %s SET %s", t, a.alias, strings.Join(sets, ", "))
	if from != "" {
		q += " FROM " + from
	}
	q += " WHERE " + strings.Join(where, " AND ")
	return q + returning(append([]source{a}, extra...))
}

// delete returns a DELETE, perhaps with USING.
func (b *builder) delete() string {
	t := pick(b, TenantTables)
	a := source{alias: b.alias(t), table: t, kind: "table"}
	where := []string{b.pin(a.alias, "")}
	if b.pct(70) {
		where = append(where, b.filter(a))
	}
	extra, using := b.writeSources(a, &where)
	if b.pct(20) {
		where = append(where, b.subPredicate([]source{a}, 0))
	}
	b.r.Shuffle(len(where), func(i, j int) { where[i], where[j] = where[j], where[i] })
	q := fmt.Sprintf("DELETE FROM %s %s", t, a.alias)
	if using != "" {
		q += " USING " + using
	}
	q += " WHERE " + strings.Join(where, " AND ")
	return q + returning(append([]source{a}, extra...))
}

// insertColumns returns the columns of an INSERT into t and the values of one new row with id
// id and tenant value tv.
func insertColumns(t string, id int, tv string) ([]string, []string) {
	switch t {
	case "contacts":
		return []string{"tenant_id", "id", "name", "email", "handle", "plan_id", "country"},
			[]string{tv, strconv.Itoa(id), "'New'", fmt.Sprintf("'n%d@x'", id), fmt.Sprintf("'n-%d'", id), "1", "'fr'"}
	case "deals":
		return []string{"tenant_id", "id", "contact_id", "stage", "amount"},
			[]string{tv, strconv.Itoa(5000 + id), "1", "'open'", "5"}
	case "notes":
		return []string{"tenant_id", "id", "contact_id", "deal_id", "body"},
			[]string{tv, strconv.Itoa(id), "1", "NULL", "'new'"}
	default:
		return []string{"tenant_id", "id", "contact_id", "name"},
			[]string{tv, strconv.Itoa(id), "2", fmt.Sprintf("'new%d'", id)}
	}
}

// insertValues returns an INSERT ... VALUES of one to three rows.
func (b *builder) insertValues() string {
	t := pick(b, TenantTables)
	n := 1 + b.r.IntN(3)
	base := 1000 + 4*b.r.IntN(1000)
	bad := -1
	if b.offer("insert-other-tenant", 100) {
		bad = b.r.IntN(n)
	}
	var cols []string
	var rows []string
	perm := b.r.Perm(len(mustCols(t)))
	for i := range n {
		tv := b.tv()
		if i == bad {
			switch x := b.r.IntN(3); {
			case x == 0 && !b.literal:
				tv = "$1 + 1"
			case x == 1:
				tv = b.otherValue()
			default:
				tv = b.otherLit()
			}
		}
		c, v := insertColumns(t, base+i, tv)
		cols = permute(c, perm)
		rows = append(rows, "("+strings.Join(permute(v, perm), ", ")+")")
	}
	q := fmt.Sprintf("INSERT INTO %s (%s) VALUES %s", t, strings.Join(cols, ", "), strings.Join(rows, ", "))
	if b.pct(50) {
		return q + " RETURNING tenant_id AS " + TenantColumnPrefix + "0"
	}
	return q + fmt.Sprintf(" RETURNING %s.tenant_id AS %s0, id", t, TenantColumnPrefix)
}

func mustCols(t string) []string { c, _ := insertColumns(t, 0, ""); return c }

func permute(xs []string, perm []int) []string {
	out := make([]string, len(xs))
	for i, p := range perm {
		out[i] = xs[p]
	}
	return out
}

// insertSelect returns an INSERT ... SELECT copying rows of a pinned source, perhaps through a
// data-modifying CTE.
func (b *builder) insertSelect() string {
	type shape struct{ target, src, cols, exprs string }
	shapes := []shape{
		{"tags", "contacts", "tenant_id, id, contact_id, name", "{t}, 600 + {a}.id, {a}.id, 'copy' || {a}.id"},
		{"notes", "deals", "tenant_id, id, contact_id, deal_id, body", "{t}, 700 + {a}.id, {a}.contact_id, {a}.id, 'auto ' || {a}.stage"},
		{"notes", "contacts", "tenant_id, id, contact_id, deal_id, body", "{t}, 800 + {a}.id, {a}.id, NULL, 'hello ' || {a}.name"},
		{"deals", "contacts", "tenant_id, id, contact_id, stage, amount", "{t}, 10000 + {a}.tenant_id * 100 + {a}.id, {a}.id, 'new', 0"},
		{"notes", "notes", "tenant_id, id, contact_id, deal_id, body", "{t}, 900 + {a}.id, {a}.contact_id, {a}.deal_id, {a}.body || ' (copy)'"},
	}
	sh := pick(b, shapes)
	b.plain = true // a copied row must not repeat
	a := source{alias: b.alias(sh.src), table: sh.src, kind: "table"}
	var from string
	var where []string
	switch x := b.r.IntN(10); {
	case x < 2:
		a.kind = "cte"
		from = b.sourceText(&a, nil)
	case x < 3 && sh.src == sh.target:
		a.kind = "dml"
		from = b.sourceText(&a, nil)
	case x < 4:
		a.kind = "derived"
		from = b.sourceText(&a, nil)
	default:
		from = sh.src + " " + a.alias
		where = append(where, b.pin(a.alias, ""))
	}
	if sh.src == "contacts" && b.pct(30) {
		p := b.alias("plans")
		from += " JOIN plans " + p + " ON " + p + ".id = " + a.alias + ".plan_id"
	}
	if b.pct(50) {
		where = append(where, b.filter(a))
	}
	tcol := a.alias + ".tenant_id"
	switch {
	case b.offer("insert-select-other-tenant", 30):
		tcol = b.otherValue()
	case b.pct(30):
		tcol = b.tv()
		if !b.literal && !strings.Contains(tcol, "::") && !strings.Contains(tcol, "CAST") {
			tcol = "$1::bigint"
		}
	}
	exprs := strings.ReplaceAll(sub(sh.exprs, a.alias), "{t}", tcol)
	q := fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM %s", sh.target, sh.cols, exprs, from)
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	return q + " RETURNING tenant_id AS " + TenantColumnPrefix + "0"
}

// upsert returns an INSERT ... ON CONFLICT of one row.
func (b *builder) upsert() string {
	id := 2000 + b.r.IntN(1000)
	someTenant := Tenants[b.r.IntN(len(Tenants))]
	tv := b.tv()
	ret := " RETURNING %s.tenant_id AS " + TenantColumnPrefix + "0"
	guard := func(tbl string) string {
		if b.pct(50) {
			return b.addPin(pinSlot{alias: tbl, safe: tbl + ".tenant_id = " + b.tv(), conflict: true})
		}
		return b.addPin(pinSlot{alias: tbl, ref: "excluded", safe: tbl + ".tenant_id = excluded.tenant_id", conflict: true})
	}
	switch b.r.IntN(6) {
	case 0: // a conflict on the tenant's own email
		q := fmt.Sprintf("INSERT INTO contacts AS x (tenant_id, id, name, email, handle) VALUES (%s, %d, 'Up', 'c%d@x', 'u-%d')",
			tv, id, 1+b.r.IntN(4), id)
		if b.pct(20) {
			return q + " ON CONFLICT (tenant_id, email) DO NOTHING" + fmt.Sprintf(ret, "x")
		}
		set := "name = excluded.name"
		if b.offer("upsert-set-tenant-other", 40) {
			set += ", tenant_id = " + b.otherValue()
		} else if b.pct(20) {
			set += ", tenant_id = excluded.tenant_id"
		}
		return q + " ON CONFLICT (tenant_id, email) DO UPDATE SET " + set + fmt.Sprintf(ret, "x")
	case 1, 2: // a conflict on a handle, unique across tenants
		q := fmt.Sprintf("INSERT INTO contacts (tenant_id, id, name, email, handle) VALUES (%s, %d, 'Up', 'u%d@x', 'h%d-%d')",
			tv, id, id, someTenant, 1+b.r.IntN(4))
		target := "(handle)"
		if b.pct(25) {
			target = "ON CONSTRAINT contacts_handle_key"
		}
		if b.pct(15) {
			return q + " ON CONFLICT " + target + " DO NOTHING" + fmt.Sprintf(ret, "contacts")
		}
		q += " ON CONFLICT " + target + " DO UPDATE SET name = excluded.name"
		if !b.offer("upsert-conflict-without-tenant", 70) {
			q += " WHERE " + guard("contacts")
		}
		return q + fmt.Sprintf(ret, "contacts")
	case 3, 4: // a conflict on a deal id, unique across tenants
		q := fmt.Sprintf("INSERT INTO deals (tenant_id, id, contact_id, stage, amount) VALUES (%s, %d, 1, 'won', 99)",
			tv, someTenant*100+1+int64(b.r.IntN(6)))
		if b.pct(15) {
			return q + " ON CONFLICT (id) DO NOTHING" + fmt.Sprintf(ret, "deals")
		}
		q += " ON CONFLICT (id) DO UPDATE SET stage = excluded.stage, amount = deals.amount + 1"
		if !b.offer("upsert-conflict-without-tenant", 70) {
			q += " WHERE " + guard("deals")
		}
		return q + fmt.Sprintf(ret, "deals")
	default: // a tag by its per-tenant unique name
		q := fmt.Sprintf("INSERT INTO tags (tenant_id, id, contact_id, name) VALUES (%s, %d, 3, '%s')",
			tv, id, pick(b, []string{"vip", "lead", "cold", "fresh"}))
		set := "contact_id = excluded.contact_id"
		if b.offer("upsert-set-tenant-other", 40) {
			set += ", tenant_id = " + b.otherValue()
		}
		return q + " ON CONFLICT (tenant_id, name) DO UPDATE SET " + set + fmt.Sprintf(ret, "tags")
	}
}

// render mutates one pin when the statement is to be mutated and is not yet, substitutes the
// pins, prefixes the CTEs and trims the arguments to the placeholders used.
func (b *builder) render(body string) Statement {
	if b.mutate && b.mutation == "" && len(b.pins) > 0 {
		i := b.r.IntN(len(b.pins))
		b.pins[i].safe, b.mutation = b.mutatePin(b.pins[i])
	}
	if len(b.ctes) > 0 {
		w := "WITH "
		if b.recursive || b.pct(10) {
			w = "WITH RECURSIVE "
		}
		body = w + strings.Join(b.ctes, ", ") + " " + body
	}
	// Pins may hold markers of no other pin, but CTE bodies hold pins: replace until none is left.
	for strings.Contains(body, "\x00PIN") {
		for m, i := range b.pinByMarker {
			body = strings.ReplaceAll(body, m, b.pins[i].safe)
		}
	}
	used := map[int]bool{}
	hi := 0
	for _, m := range placeholderRE.FindAllStringSubmatch(body, -1) {
		n, _ := strconv.Atoi(m[1])
		used[n] = true
		hi = max(hi, n)
	}
	args := b.args[:min(hi, len(b.args))]
	if hi > 1 && !used[1] {
		// The tenant placeholder is gone (a dropped pin, another tenant's row): number the
		// others from $1, since PostgreSQL cannot type a placeholder nothing uses.
		body = placeholderRE.ReplaceAllStringFunc(body, func(p string) string {
			n, _ := strconv.Atoi(p[1:])
			return fmt.Sprintf("$%d", n-1)
		})
		args = args[1:]
	}
	return Statement{SQL: body, Args: args, Tenant: b.tenant, Kind: b.kind, Mutation: b.mutation, Sub: b.sub}
}

func btoi(x bool) int {
	if x {
		return 1
	}
	return 0
}

var placeholderRE = regexp.MustCompile(`\$(\d+)`)

// mutatePin returns an unsafe replacement for p and the name of the mutation.
func (b *builder) mutatePin(p pinSlot) (string, string) {
	col := p.alias + ".tenant_id"
	if p.conflict {
		switch b.r.IntN(3) {
		case 0:
			return "TRUE", "upsert-guard-dropped"
		case 1:
			return col + " <> " + b.tv(), "upsert-guard-not-equal"
		default:
			return col + " = " + b.otherLit(), "upsert-guard-other-tenant"
		}
	}
	kinds := []string{"drop-pin", "or-pin", "not-equal", "in-list", "other-tenant-constant", "any-array", "range", "is-not-null"}
	if !b.literal {
		kinds = append(kinds, "other-tenant-placeholder")
	}
	kinds = append(kinds, "negated-pin", "pin-in-case", "pin-in-subquery", "row-in-list", "row-inequality",
		"precedence", "function-wrapped", "in-subquery-union")
	if p.ref == "" {
		kinds = append(kinds, "shadowed-alias", "unqualified-in-subquery")
	} else {
		kinds = append(kinds, "join-without-tenant", "join-without-tenant", "join-not-equal")
	}
	k := pick(b, kinds)
	name := k + " " + p.alias
	switch k {
	case "drop-pin", "join-without-tenant":
		return "TRUE", name
	case "or-pin":
		return fmt.Sprintf("(%s OR %s.id = %d)", p.safe, p.alias, 1+b.r.IntN(4)), name
	case "not-equal":
		return col + " <> " + b.tv(), name
	case "join-not-equal":
		return col + " <> " + p.ref + ".tenant_id", name
	case "in-list":
		return fmt.Sprintf("%s IN (%s, %s)", col, b.tv(), b.otherLit()), name
	case "other-tenant-constant":
		return col + " = " + b.otherLit(), name
	case "other-tenant-placeholder":
		return col + " = " + b.arg(b.other), name
	case "negated-pin":
		return fmt.Sprintf(pick(b, []string{"NOT (%s)", "(%s) IS NOT TRUE", "(%s) = FALSE", "(%s) IS FALSE",
			"(%s) <> TRUE", "(%s) IS DISTINCT FROM TRUE", "NOT NOT NOT (%s)"}), p.safe), name
	case "pin-in-case":
		return fmt.Sprintf(pick(b, []string{"CASE WHEN %s THEN TRUE ELSE TRUE END", "coalesce(nullif(%s, FALSE), TRUE)",
			"(%s) IS NOT NULL", "((%s) OR NULL) IS NULL OR TRUE"}), p.safe), name
	case "pin-in-subquery":
		return fmt.Sprintf(pick(b, []string{
			"NOT EXISTS (SELECT 1 FROM notes zq WHERE zq.id = 0 AND %s)",
			"(SELECT count(*) FROM notes zq WHERE %s) >= 0",
			"EXISTS (SELECT 1 FROM plans zq WHERE %s OR zq.id > 0)",
			"TRUE = ANY (SELECT %s FROM plans zq)",
		}), p.safe), name
	case "shadowed-alias":
		// The subquery's occurrence has the pinned occurrence's alias: the pin is on it.
		return fmt.Sprintf("EXISTS (SELECT 1 FROM %s %s WHERE %s.tenant_id = %s)",
			pick(b, TenantTables), p.alias, p.alias, b.tv()), name
	case "unqualified-in-subquery":
		// tenant_id binds to the subquery's table, not to the outer occurrence.
		return fmt.Sprintf("EXISTS (SELECT 1 FROM %s zq WHERE tenant_id = %s)", pick(b, TenantTables), b.tv()), name
	case "row-in-list":
		return fmt.Sprintf("(%s, %s.id) IN ((%s, 1), (%s, 2), (%s, 3))", col, p.alias, b.tv(), b.otherLit(), b.tv()), name
	case "row-inequality":
		return fmt.Sprintf("(%s, %s.id) %s (%s, 0)", col, p.alias, pick(b, []string{">=", "<>", "IS DISTINCT FROM", ">"}), b.tv()), name
	case "precedence":
		return fmt.Sprintf("%s AND %s.id = 1 OR %s.id = 2", p.safe, p.alias, p.alias), name
	case "function-wrapped":
		return fmt.Sprintf(pick(b, []string{"greatest(%[1]s, %[2]s) = %[2]s", "coalesce(nullif(%[1]s, %[3]s), %[2]s) = %[2]s",
			"least(%[1]s, %[2]s) = %[2]s"}), col, b.tv(), b.otherLit()), name
	case "in-subquery-union":
		v := b.tv()
		if !b.literal {
			v = "$1::bigint"
		}
		return fmt.Sprintf(pick(b, []string{"%s IN (SELECT %s UNION SELECT %s)", "%s = ANY (VALUES (%s), (%s))"}), col, v, b.otherLit()), name
	case "any-array":
		return fmt.Sprintf("%s = ANY (ARRAY[%s, %s])", col, b.tv(), b.otherLit()), name
	case "range":
		return col + " >= " + b.tv(), name
	default:
		return col + " IS NOT NULL", name
	}
}
