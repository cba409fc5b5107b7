package isolation

import (
	"fmt"
	"strings"
)

// KeyKinds are the statement kinds over the tables of KeysDDL, each a form of pin through keys
// (docs/keys.md), with the mutations that break it.
var KeyKinds = []string{
	"owned-join", "owned-in", "owned-exists", "owned-eq", "owned-scalar", "reverse-semi",
	"unique-self", "tuple-in", "composite-fk", "membership", "subtenant", "pushdown", "pinned-cte",
	"owned-insert", "owned-update", "owned-delete", "owned-upsert",
}

// keys returns a statement of one of KeyKinds and sets b.kind.
func (b *builder) keys() string {
	b.kind = pick(b, KeyKinds)
	switch b.kind {
	case "owned-join":
		return b.ownedJoin()
	case "owned-in":
		return b.ownedIn()
	case "owned-exists":
		return b.ownedExists()
	case "owned-eq":
		return b.ownedEq()
	case "owned-scalar":
		return b.ownedScalar()
	case "reverse-semi":
		return b.reverseSemi()
	case "unique-self":
		return b.uniqueSelf()
	case "tuple-in":
		return b.tupleIn()
	case "composite-fk":
		return b.compositeFK()
	case "membership":
		return b.membership()
	case "subtenant":
		return b.subtenant()
	case "pushdown":
		return b.pushdown()
	case "pinned-cte":
		return b.pinnedCTE()
	case "owned-insert":
		return b.ownedInsert()
	case "owned-update":
		return b.ownedUpdate()
	case "owned-upsert":
		return b.ownedUpsert()
	default:
		return b.ownedDelete()
	}
}

// A chain is an owned-through table with its parent: child.fk = parent.key.
type chain struct{ child, fk, parent, key string }

var chains = []chain{
	{"line_items", "order_id", "orders", "id"},
	{"boards", "project_id", "projects", "id"},
}

// where joins predicates with AND, after a shuffle, or returns "TRUE".
func (b *builder) where(ps ...string) string {
	var out []string
	for _, p := range ps {
		if p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return "TRUE"
	}
	b.r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return strings.Join(out, " AND ")
}

// maybeFilter returns a filter on the occurrence alias of t, or "".
func (b *builder) maybeFilter(t, alias string, p int) string {
	if b.pct(p) {
		return b.filter(source{alias: alias, table: t})
	}
	return ""
}

// otherOrder is the id of one of another tenant's orders; ownOrder one of the tenant's.
func (b *builder) otherOrder() int64 { return b.other*100 + 1 + b.r.Int64N(4) }
func (b *builder) ownOrder() int64   { return b.tenant*100 + 1 + b.r.Int64N(4) }

// ownProject and otherProject are the ids of projects of the tenant and of another.
func (b *builder) ownProject() int64   { return b.tenant*10 + 1 + b.r.Int64N(3) }
func (b *builder) otherProject() int64 { return b.other*10 + 1 + b.r.Int64N(3) }

// ownedJoin reads an owned-through table (or item_notes, two levels down) joined on its
// owning key to a pinned parent.
func (b *builder) ownedJoin() string {
	if b.pct(30) {
		// item_notes -> line_items -> orders
		n, l, o := b.alias("item_notes"), b.alias("line_items"), b.alias("orders")
		pin := b.pin(o, "")
		cond := l + ".id = " + n + ".line_item_id"
		if b.offer("owned-join-wrong-key", 15) {
			cond = l + ".qty = " + n + ".line_item_id % 3"
		}
		return fmt.Sprintf("SELECT %s.truth_tenant AS tq_t0, %s.truth_tenant AS tq_t1, %s.tenant_id AS tq_t2, %s.body FROM item_notes %s JOIN line_items %s ON %s JOIN orders %s ON %s.id = %s.order_id AND %s WHERE %s",
			n, l, o, n, n, l, cond, o, o, l, pin, b.where(b.maybeFilter("line_items", l, 40)))
	}
	c := pick(b, chains)
	ch, pa := b.alias(c.child), b.alias(c.parent)
	pin := b.pin(pa, "")
	if b.offer("owned-join-unpinned-parent", 10) {
		pin = "TRUE"
	}
	on := fmt.Sprintf("%s.%s = %s.%s", pa, c.key, ch, c.fk)
	switch {
	case b.offer("owned-join-wrong-key", 15):
		if c.parent == "orders" {
			on = pa + ".num = " + ch + ".qty"
		} else {
			on = pa + ".id % 10 = " + ch + ".id % 10"
		}
	case b.offer("owned-join-or", 10):
		on = "(" + on + " OR " + ch + ".id % 2 = 0)"
	}
	sel := fmt.Sprintf("SELECT %s.truth_tenant AS tq_t0, %s.tenant_id AS tq_t1, %s.id", ch, pa, ch)
	filter := b.maybeFilter(c.child, ch, 40)
	switch x := b.r.IntN(4); {
	case b.offer("owned-join-left-pin-in-on", 25):
		return fmt.Sprintf("%s FROM %s %s LEFT JOIN %s %s ON %s AND %s WHERE %s", sel, c.child, ch, c.parent, pa, on, pin, b.where(filter))
	case x == 0:
		return fmt.Sprintf("%s FROM %s %s, %s %s WHERE %s", sel, c.child, ch, c.parent, pa, b.where(on, pin, filter))
	case x == 1:
		return fmt.Sprintf("%s FROM %s %s JOIN %s %s ON %s WHERE %s", sel, c.parent, pa, c.child, ch, on, b.where(pin, filter))
	default:
		return fmt.Sprintf("%s FROM %s %s JOIN %s %s ON %s AND %s WHERE %s", sel, c.child, ch, c.parent, pa, on, pin, b.where(filter))
	}
}

// ownedIn restricts the owning key by IN (or = ANY) over a pinned parent.
func (b *builder) ownedIn() string {
	c := pick(b, chains)
	ch, pa := b.alias(c.child), b.alias(c.parent)
	inner := fmt.Sprintf("SELECT %s.%s FROM %s %s WHERE %s", pa, c.key, c.parent, pa, b.where(b.pin(pa, ""), b.maybeFilter(c.parent, pa, 40)))
	var pred string
	switch {
	case b.offer("owned-not-in", 25):
		pred = fmt.Sprintf("%s.%s NOT IN (%s)", ch, c.fk, inner)
	case b.offer("owned-in-or", 15):
		pred = fmt.Sprintf("(%s.%s IN (%s) OR %s.id %% 3 = 0)", ch, c.fk, inner, ch)
	case b.pct(30):
		pred = fmt.Sprintf("%s.%s = ANY (%s)", ch, c.fk, inner)
	default:
		pred = fmt.Sprintf("%s.%s IN (%s)", ch, c.fk, inner)
	}
	if c.child == "line_items" && b.pct(30) {
		// item_notes through line_items pinned the same way.
		n := b.alias("item_notes")
		return fmt.Sprintf("SELECT %s.truth_tenant AS tq_t0, %s.body FROM item_notes %s WHERE %s.line_item_id IN (SELECT %s.id FROM line_items %s WHERE %s)",
			n, n, n, n, ch, ch, b.where(pred, b.maybeFilter("line_items", ch, 30)))
	}
	return fmt.Sprintf("SELECT %s.truth_tenant AS tq_t0, %s.id FROM %s %s WHERE %s", ch, ch, c.child, ch, b.where(pred, b.maybeFilter(c.child, ch, 40)))
}

// ownedExists restricts the owning key by a correlated EXISTS over a pinned parent.
func (b *builder) ownedExists() string {
	c := pick(b, chains)
	ch, pa := b.alias(c.child), b.alias(c.parent)
	corr := fmt.Sprintf("%s.%s = %s.%s", pa, c.key, ch, c.fk)
	not := ""
	switch {
	case b.offer("owned-not-exists", 30):
		not = "NOT "
	case b.offer("owned-exists-uncorrelated", 20):
		corr = ""
	}
	return fmt.Sprintf("SELECT %s.truth_tenant AS tq_t0, %s.id FROM %s %s WHERE %s",
		ch, ch, c.child, ch, b.where(fmt.Sprintf("%sEXISTS (SELECT 1 FROM %s %s WHERE %s)", not, c.parent, pa, b.where(corr, b.pin(pa, ""))),
			b.maybeFilter(c.child, ch, 40)))
}

// ownedEq restricts the owning key by = over a scalar subquery of a pinned parent.
func (b *builder) ownedEq() string {
	l, o := b.alias("line_items"), b.alias("orders")
	pred := fmt.Sprintf("%s.order_id = (SELECT %s.id FROM orders %s WHERE %s)", l, o, o, b.where(b.plainPin(o), fmt.Sprintf("%s.num = %d", o, 1+b.r.IntN(4))))
	if b.offer("owned-eq-bare", 40) {
		id := b.ownOrder()
		if b.pct(70) {
			id = b.otherOrder()
		}
		pred = fmt.Sprintf("%s.order_id = %s", l, b.arg(id))
	}
	return fmt.Sprintf("SELECT %s.truth_tenant AS tq_t0, %s.sku FROM line_items %s WHERE %s", l, l, l, b.where(pred, b.maybeFilter("line_items", l, 30)))
}

// ownedScalar projects an owned-through table's truth through a correlated scalar subquery
// joined on the owning key to the pinned outer parent.
func (b *builder) ownedScalar() string {
	c := pick(b, chains)
	ch, pa := b.alias(c.child), b.alias(c.parent)
	corr := fmt.Sprintf("%s.%s = %s.%s", ch, c.fk, pa, c.key)
	if b.offer("owned-scalar-uncorrelated", 35) {
		corr = ch + ".id % 2 = 1"
	}
	agg := pick(b, []string{"max", "min"})
	return fmt.Sprintf("SELECT %s.tenant_id AS tq_t0, (SELECT %s(%s.truth_tenant) FROM %s %s WHERE %s) AS tq_t1 FROM %s %s WHERE %s",
		pa, agg, ch, c.child, ch, corr, c.parent, pa, b.where(b.pin(pa, ""), b.maybeFilter(c.parent, pa, 30)))
}

// reverseSemi reads a pinned parent whose key is IN the owned-through table's keys.
func (b *builder) reverseSemi() string {
	c := pick(b, chains)
	ch, pa := b.alias(c.child), b.alias(c.parent)
	inner := fmt.Sprintf("SELECT %s.%s FROM %s %s", ch, c.fk, c.child, ch)
	if f := b.maybeFilter(c.child, ch, 50); f != "" {
		inner += " WHERE " + f
	}
	if b.offer("reverse-semi-limit", 40) {
		inner += fmt.Sprintf(" ORDER BY %s.%s DESC LIMIT %d", ch, c.fk, 2+b.r.IntN(3))
	}
	pred := fmt.Sprintf("%s.%s IN (%s)", pa, c.key, inner)
	if c.parent == "orders" && b.pct(30) { // projects are referenced by tasks: deleting one fails
		return fmt.Sprintf("DELETE FROM %s %s WHERE %s RETURNING %s.tenant_id AS tq_t0", c.parent, pa, b.where(b.pin(pa, ""), pred), pa)
	}
	return fmt.Sprintf("SELECT %s.tenant_id AS tq_t0, %s.id FROM %s %s WHERE %s", pa, pa, c.parent, pa, b.where(b.pin(pa, ""), pred))
}

// uniqueSelf restricts a unique key of a tenant table to the pinned rows of the same table.
func (b *builder) uniqueSelf() string {
	t := pick(b, []string{"orders", "tasks", "projects", "deals"})
	a, x := b.alias(t), b.alias(t)
	key := "id"
	inner := fmt.Sprintf("SELECT %s.%s FROM %s %s WHERE %s", x, key, t, x, b.where(b.pin(x, ""), b.maybeFilter(t, x, 40)))
	if b.pct(40) {
		inner += fmt.Sprintf(" ORDER BY %s.id LIMIT %d", x, 1+b.r.IntN(3))
	}
	var pred, from string
	switch b.r.IntN(4) {
	case 0:
		pred = fmt.Sprintf("%s.id IN (%s)", a, inner)
		if t == "orders" && b.offer("unique-self-non-unique-key", 40) {
			pred = fmt.Sprintf("%s.num IN (%s)", a, strings.Replace(inner, x+".id FROM", x+".num FROM", 1))
		}
	case 1:
		pred = fmt.Sprintf("EXISTS (SELECT 1 FROM %s %s WHERE %s)", t, x, b.where(fmt.Sprintf("%s.id = %s.id", x, a), b.pin(x, "")))
		if t == "orders" && b.offer("unique-self-non-unique-key", 40) {
			pred = strings.Replace(pred, fmt.Sprintf("%s.id = %s.id", x, a), fmt.Sprintf("%s.num = %s.num", x, a), 1)
		}
	case 2:
		pred = fmt.Sprintf("%s.id = (SELECT %s.id FROM %s %s WHERE %s ORDER BY %s.id LIMIT 1)", a, x, t, x, b.pin(x, ""), x)
	default:
		// A self-join on the key; only SELECT, where the FROM item is a join.
		if b.offer("unique-self-left-pin-in-on", 40) {
			from = fmt.Sprintf("%s %s LEFT JOIN %s %s ON %s.id = %s.id AND %s", t, a, t, x, x, a, b.pin(x, ""))
		} else {
			from = fmt.Sprintf("%s %s JOIN %s %s ON %s.id = %s.id", t, a, t, x, x, a)
			pred = b.pin(x, "")
		}
	}
	if from == "" {
		switch b.r.IntN(4) {
		case 0:
			set := map[string]string{"orders": "status = 'paid'", "tasks": "done = NOT " + a + ".done", "projects": "name = " + a + ".name || '+'", "deals": "amount = " + a + ".amount + 1"}[t]
			return fmt.Sprintf("UPDATE %s %s SET %s WHERE %s RETURNING %s.tenant_id AS tq_t0", t, a, set, pred, a)
		case 1:
			if t == "orders" || t == "deals" {
				return fmt.Sprintf("DELETE FROM %s %s WHERE %s RETURNING %s.tenant_id AS tq_t0", t, a, pred, a)
			}
		}
		from = t + " " + a
	}
	return fmt.Sprintf("SELECT %s.tenant_id AS tq_t0, %s.id FROM %s WHERE %s", a, a, from, b.where(pred))
}

// tupleIn restricts a row by a tuple IN whose tenant position holds a pinned tenant column
// or the tenant value.
func (b *builder) tupleIn() string {
	type shape struct{ table, cols string }
	sh := pick(b, []shape{{"orders", "num"}, {"memberships", "user_id"}, {"tasks", "id"}, {"contacts", "email"}})
	a, x := b.alias(sh.table), b.alias(sh.table)
	pin := b.pin(x, "")
	filter := b.maybeFilter(sh.table, x, 50)
	var pred string
	switch {
	case b.offer("tuple-in-without-tenant", 30):
		// Two columns that no unique key holds: the rows are any tenant's with those values.
		c := map[string][2]string{"orders": {"num", "status"}, "memberships": {"user_id", "role"}, "tasks": {"title", "done"}, "contacts": {"email", "name"}}[sh.table]
		pred = fmt.Sprintf("(%s.%s, %s.%s) IN (SELECT %s.%s, %s.%s FROM %s %s WHERE %s)", a, c[0], a, c[1], x, c[0], x, c[1], sh.table, x, b.where(pin, filter))
	case sh.table != "contacts" && b.offer("tuple-in-swapped", 20):
		pred = fmt.Sprintf("(%s.tenant_id, %s.%s) IN (SELECT %s.%s, %s.tenant_id FROM %s %s WHERE %s)", a, a, sh.cols, x, sh.cols, x, sh.table, x, b.where(pin, filter))
	case b.pct(30) && !b.literal:
		pred = fmt.Sprintf("(%s.tenant_id, %s.%s) IN (SELECT $1::bigint, %s.%s FROM %s %s WHERE %s)", a, a, sh.cols, x, sh.cols, sh.table, x, b.where(pin, filter))
	default:
		pred = fmt.Sprintf("(%s.tenant_id, %s.%s) IN (SELECT %s.tenant_id, %s.%s FROM %s %s WHERE %s)", a, a, sh.cols, x, x, sh.cols, sh.table, x, b.where(pin, filter))
	}
	return fmt.Sprintf("SELECT %s.tenant_id AS tq_t0, %s.%s FROM %s %s WHERE %s", a, a, sh.cols, sh.table, a, pred)
}

// compositeFK joins tasks and projects on the key of the composite foreign key, pinning one
// side; or boards and tasks on the sub-tenant key.
func (b *builder) compositeFK() string {
	t, p := b.alias("tasks"), b.alias("projects")
	filter := b.maybeFilter("tasks", t, 40)
	switch x := b.r.IntN(4); {
	case b.offer("single-column-fk", 20):
		m := b.alias("milestones")
		return fmt.Sprintf("SELECT %s.tenant_id AS tq_t0, %s.tenant_id AS tq_t1, %s.title FROM milestones %s JOIN projects %s ON %s.id = %s.project_id WHERE %s",
			m, p, m, m, p, p, m, b.pin(p, ""))
	case b.offer("composite-fk-left-pin-in-on", 20):
		return fmt.Sprintf("SELECT %s.tenant_id AS tq_t0, %s.tenant_id AS tq_t1 FROM projects %s LEFT JOIN tasks %s ON %s.project_id = %s.id AND %s WHERE %s",
			p, t, p, t, t, p, b.pin(t, ""), b.where(filter))
	case x == 0:
		// The child pinned, the parent through the same key.
		return fmt.Sprintf("SELECT %s.tenant_id AS tq_t0, %s.tenant_id AS tq_t1, %s.name FROM projects %s JOIN tasks %s ON %s.project_id = %s.id WHERE %s",
			p, t, p, p, t, t, p, b.where(b.pin(t, ""), filter))
	case x == 1:
		bo := b.alias("boards")
		return fmt.Sprintf("SELECT %s.truth_tenant AS tq_t0, %s.tenant_id AS tq_t1 FROM boards %s JOIN tasks %s ON %s.project_id = %s.project_id WHERE %s",
			bo, t, bo, t, t, bo, b.where(b.pin(t, ""), filter))
	default:
		return fmt.Sprintf("SELECT %s.tenant_id AS tq_t0, %s.tenant_id AS tq_t1, %s.title FROM tasks %s JOIN projects %s ON %s.id = %s.project_id WHERE %s",
			t, p, t, t, p, p, t, b.where(b.pin(p, ""), filter))
	}
}

// membership reads users reached through a pinned membership row.
func (b *builder) membership() string {
	u, m := b.alias("users"), b.alias("memberships")
	pin := b.pin(m, "")
	filter := b.maybeFilter("memberships", m, 40)
	ufilter := b.maybeFilter("users", u, 30)
	link, key := m+".user_id = "+u+".id", m+".user_id"
	if b.offer("membership-wrong-key", 15) {
		link, key = m+".id = "+u+".id", m+".id"
	}
	sel := fmt.Sprintf("SELECT %s.id AS %s0, %s.email", u, UserColumnPrefix, u)
	if b.pct(25) {
		// Users the tenant is linked to are its own to change: an UPDATE through the link.
		upd := fmt.Sprintf("UPDATE users %s SET name = %s.name || '+'", u, u)
		ret := fmt.Sprintf(" RETURNING %s.id AS %s0", u, UserColumnPrefix)
		switch {
		case b.offer("membership-not-in", 20):
			return fmt.Sprintf("%s WHERE %s.id NOT IN (SELECT %s FROM memberships %s WHERE %s)", upd, u, key, m, b.where(pin, filter)) + ret
		case b.pct(50):
			return fmt.Sprintf("%s FROM memberships %s WHERE %s", upd, m, b.where(link, pin, filter, ufilter)) + ret
		default:
			return fmt.Sprintf("%s WHERE %s", upd, b.where(fmt.Sprintf("%s.id IN (SELECT %s FROM memberships %s WHERE %s)", u, key, m, b.where(pin, filter)), ufilter)) + ret
		}
	}
	switch x := b.r.IntN(4); {
	case b.offer("membership-left-pin-in-on", 20):
		return fmt.Sprintf("%s FROM users %s LEFT JOIN memberships %s ON %s AND %s WHERE %s", sel, u, m, link, pin, b.where(ufilter))
	case b.offer("membership-not-in", 15):
		return fmt.Sprintf("%s FROM users %s WHERE %s", sel, u, b.where(fmt.Sprintf("%s.id NOT IN (SELECT %s FROM memberships %s WHERE %s)", u, key, m, b.where(pin, filter)), ufilter))
	case b.offer("membership-not-exists", 15):
		return fmt.Sprintf("%s FROM users %s WHERE %s", sel, u, b.where(fmt.Sprintf("NOT EXISTS (SELECT 1 FROM memberships %s WHERE %s)", m, b.where(link, pin, filter)), ufilter))
	case x == 0:
		return fmt.Sprintf("%s, %s.tenant_id AS tq_t0 FROM users %s JOIN memberships %s ON %s WHERE %s", sel, m, u, m, link, b.where(pin, filter, ufilter))
	case x == 1:
		return fmt.Sprintf("%s, %s.tenant_id AS tq_t0 FROM memberships %s JOIN users %s ON %s AND %s WHERE %s", sel, m, m, u, link, pin, b.where(filter, ufilter))
	case x == 2:
		return fmt.Sprintf("%s FROM users %s WHERE %s", sel, u, b.where(fmt.Sprintf("%s.id IN (SELECT %s FROM memberships %s WHERE %s)", u, key, m, b.where(pin, filter)), ufilter))
	default:
		return fmt.Sprintf("%s FROM users %s WHERE %s", sel, u, b.where(fmt.Sprintf("EXISTS (SELECT 1 FROM memberships %s WHERE %s)", m, b.where(link, pin, filter)), ufilter))
	}
}

// subtenant pins by the sub-tenant key project_id, bound to a project of the tenant (the
// statement's Sub), perhaps beside the tenant pin.
func (b *builder) subtenant() string {
	b.sub = b.ownProject()
	val := b.sub
	op := "="
	var mut string
	if b.mutate {
		mut = pick(b, []string{"subtenant-untied", "subtenant-other-value", "subtenant-range"})
		b.mutation = mut
		switch mut {
		case "subtenant-other-value":
			val = b.otherProject()
		case "subtenant-range":
			op = ">="
			val = b.tenant*10 + 1
		case "subtenant-untied":
			// The stray milestone of some tenant names project 10 * (t % 3) + 11.
			if b.pct(70) {
				val = b.tenant*10 + 1
				b.sub = val
			}
		}
	}
	v := b.arg(val)
	if mut == "subtenant-untied" {
		m := b.alias("milestones")
		return fmt.Sprintf("SELECT %s.tenant_id AS tq_t0, %s.title FROM milestones %s WHERE %s.project_id %s %s", m, m, m, m, op, v)
	}
	switch b.r.IntN(5) {
	case 0:
		t := b.alias("tasks")
		pin := ""
		if b.pct(50) && mut == "" {
			pin = b.pin(t, "") // one tenant with the sub-tenant pin ("covered")
		}
		return fmt.Sprintf("SELECT %s.tenant_id AS tq_t0, %s.title FROM tasks %s WHERE %s", t, t, t, b.where(fmt.Sprintf("%s.project_id %s %s", t, op, v), pin, b.maybeFilter("tasks", t, 40)))
	case 1:
		bo := b.alias("boards")
		return fmt.Sprintf("SELECT %s.truth_tenant AS tq_t0, %s.name FROM boards %s WHERE %s", bo, bo, bo, b.where(fmt.Sprintf("%s.project_id %s %s", bo, op, v), b.maybeFilter("boards", bo, 40)))
	case 2:
		p := b.alias("projects")
		return fmt.Sprintf("SELECT %s.tenant_id AS tq_t0, %s.name FROM projects %s WHERE %s.id %s %s", p, p, p, p, op, v)
	case 3:
		t, bo := b.alias("tasks"), b.alias("boards")
		return fmt.Sprintf("SELECT %s.tenant_id AS tq_t0, %s.truth_tenant AS tq_t1 FROM tasks %s JOIN boards %s ON %s.project_id = %s.project_id WHERE %s.project_id %s %s",
			t, bo, t, bo, bo, t, t, op, v)
	default:
		t := b.alias("tasks")
		pin := ""
		if b.pct(50) && mut == "" {
			pin = b.pin(t, "") // one tenant with the sub-tenant pin ("covered")
		}
		return fmt.Sprintf("UPDATE tasks %s SET done = NOT %s.done WHERE %s RETURNING %s.tenant_id AS tq_t0", t, t, b.where(fmt.Sprintf("%s.project_id %s %s", t, op, v), pin), t)
	}
}

// pushdown filters a CTE's or derived table's output on a tenant column it passes through.
func (b *builder) pushdown() string {
	b.nCTE++
	name := fmt.Sprintf("all_orders%d", b.nCTE)
	body := "SELECT * FROM orders"
	extra := ""
	switch {
	case b.offer("pushdown-limit", 15):
		body = "SELECT * FROM orders ORDER BY id DESC LIMIT 6"
	case b.offer("pushdown-aggregate", 20):
		body = "SELECT status, max(tenant_id) AS tenant_id, min(tenant_id) AS low, max(id) AS id FROM orders GROUP BY status"
		extra = ", %[1]s.low AS tq_t9"
	case b.offer("pushdown-window", 20):
		body = "SELECT o.*, lag(o.tenant_id) OVER (ORDER BY o.id) AS prev FROM orders o"
		extra = ", %[1]s.prev AS tq_t9"
	case b.pct(30):
		// Through an owned-through table: the CTE passes orders' tenant column beside the items.
		body = "SELECT l.*, o.tenant_id FROM line_items l JOIN orders o ON o.id = l.order_id"
		extra = ", %[1]s.truth_tenant AS tq_t9"
	case b.pct(30):
		body = "SELECT o.* FROM orders o WHERE o.status <> 'sent'"
	}
	a := b.alias("orders")
	pin := b.pin(a, "")
	sel := fmt.Sprintf("SELECT %[1]s.tenant_id AS tq_t0"+extra, a)
	if b.pct(35) {
		q := fmt.Sprintf("%s FROM (%s) %s WHERE %s", sel, body, a, pin)
		return q
	}
	q := fmt.Sprintf("WITH %s AS (%s) %s FROM %s %s WHERE %s", name, body, sel, name, a, pin)
	if b.pct(25) || (b.mutate && b.mutation == "" && b.pct(30)) {
		// A second reference to the CTE, filtered too (or not).
		y := b.alias("orders")
		ypin := b.pin(y, "")
		if b.offer("pushdown-unfiltered-reference", 60) {
			ypin = "TRUE"
		}
		q += fmt.Sprintf(" UNION ALL SELECT %[1]s.tenant_id"+strings.ReplaceAll(extra, " AS tq_t9", "")+" FROM %[2]s %[1]s WHERE %[3]s", y, name, ypin)
	}
	return q
}

// pinnedCTE reads an owned-through table through a pinned parent seen through a CTE (rule 7).
func (b *builder) pinnedCTE() string {
	b.nCTE++
	name := fmt.Sprintf("mine%d", b.nCTE)
	o, l := b.alias("orders"), b.alias("line_items")
	var body string
	switch b.r.IntN(3) {
	case 0:
		body = fmt.Sprintf("UPDATE orders %s SET status = 'paid' WHERE %s RETURNING %s.id", o, b.where(b.pin(o, ""), b.maybeFilter("orders", o, 50)), o)
	default:
		body = fmt.Sprintf("SELECT %s.id FROM orders %s WHERE %s", o, o, b.where(b.pin(o, ""), b.maybeFilter("orders", o, 50)))
		if b.pct(50) {
			body += fmt.Sprintf(" ORDER BY %s.id LIMIT %d", o, 1+b.r.IntN(3))
		}
		if b.offer("pinned-cte-unpinned-arm", 25) {
			y := b.alias("orders")
			body = fmt.Sprintf("(%s) UNION SELECT %s.id FROM orders %s WHERE %s.num = 2", body, y, y, y)
		}
	}
	if b.pct(50) {
		return fmt.Sprintf("WITH %s AS (%s) SELECT %s.truth_tenant AS tq_t0, %s.sku FROM line_items %s WHERE %s.order_id IN (SELECT %s.id FROM %s)", name, body, l, l, l, l, name, name)
	}
	return fmt.Sprintf("WITH %s AS (%s) SELECT %s.truth_tenant AS tq_t0, %s.sku FROM line_items %s JOIN %s ON %s.id = %s.order_id", name, body, l, l, l, name, name, l)
}

// ownedInsert inserts into an owned-through table, taking the owning key from a pinned parent.
func (b *builder) ownedInsert() string {
	ret := " RETURNING truth_tenant AS tq_t0"
	switch x := b.r.IntN(4); {
	case b.offer("owned-insert-values-bare", 30):
		id := b.otherOrder()
		if b.pct(30) {
			id = b.ownOrder()
		}
		return fmt.Sprintf("INSERT INTO line_items (order_id, sku, qty) VALUES (%s, 'new', 7)", b.arg(id)) + ret
	case x == 0:
		o := b.alias("orders")
		return fmt.Sprintf("INSERT INTO line_items (order_id, sku, qty) VALUES ((SELECT %s.id FROM orders %s WHERE %s), 'new', 7)",
			o, o, b.where(b.plainPin(o), fmt.Sprintf("%s.num = %d", o, 1+b.r.IntN(4)))) + ret
	case x == 1:
		l, o := b.alias("line_items"), b.alias("orders")
		return fmt.Sprintf("INSERT INTO item_notes (line_item_id, body) SELECT %s.id, 'added' FROM line_items %s JOIN orders %s ON %s.id = %s.order_id WHERE %s",
			l, l, o, o, l, b.where(b.pin(o, ""), b.maybeFilter("line_items", l, 50))) + ret
	case x == 2:
		p := b.alias("projects")
		return fmt.Sprintf("INSERT INTO boards (project_id, name) SELECT %s.id, 'new' FROM projects %s WHERE %s",
			p, p, b.where(b.pin(p, ""), b.maybeFilter("projects", p, 50))) + ret
	default:
		o := b.alias("orders")
		return fmt.Sprintf("INSERT INTO line_items (order_id, sku, qty) SELECT %s.id, 'new', %s.num FROM orders %s WHERE %s",
			o, o, o, b.where(b.pin(o, ""), fmt.Sprintf("%s.num = %s", o, b.arg(int64(1+b.r.IntN(4)))))) + ret
	}
}

// ownedUpdate updates an owned-through table pinned through its parent, perhaps moving a row
// to another parent of the tenant.
func (b *builder) ownedUpdate() string {
	c := pick(b, chains)
	ch, pa := b.alias(c.child), b.alias(c.parent)
	set := map[string]string{"line_items": "qty = " + ch + ".qty + 1", "boards": "name = " + ch + ".name || '+'"}[c.child]
	switch {
	case b.offer("owned-move-other-parent", 30):
		id := b.otherOrder()
		if c.parent == "projects" {
			id = b.otherProject()
		}
		set = fmt.Sprintf("%s = %s", c.fk, b.arg(id))
	case b.offer("owned-move-unpinned", 20):
		y := b.alias(c.parent)
		set = fmt.Sprintf("%s = (SELECT %s.%s FROM %s %s ORDER BY %s.%s DESC LIMIT 1)", c.fk, y, c.key, c.parent, y, y, c.key)
	case b.pct(25):
		y := b.alias(c.parent)
		set = fmt.Sprintf("%s = (SELECT %s.%s FROM %s %s WHERE %s ORDER BY %s.%s LIMIT 1)", c.fk, y, c.key, c.parent, y, b.plainPin(y), y, c.key)
	}
	if c.child == "line_items" && strings.HasPrefix(set, c.fk) {
		set += ", sku = " + ch + ".sku || '/' || " + ch + ".id" // (order_id, sku) is unique
	}
	ret := fmt.Sprintf(" RETURNING %s.truth_tenant AS tq_t0", ch)
	filter := b.maybeFilter(c.child, ch, 50)
	if b.pct(40) {
		return fmt.Sprintf("UPDATE %s %s SET %s FROM %s %s WHERE %s", c.child, ch, set, c.parent, pa,
			b.where(fmt.Sprintf("%s.%s = %s.%s", pa, c.key, ch, c.fk), b.pin(pa, ""), filter)) + ret + fmt.Sprintf(", %s.tenant_id AS tq_t1", pa)
	}
	return fmt.Sprintf("UPDATE %s %s SET %s WHERE %s", c.child, ch, set,
		b.where(fmt.Sprintf("%s.%s IN (SELECT %s.%s FROM %s %s WHERE %s)", ch, c.fk, pa, c.key, c.parent, pa, b.pin(pa, "")), filter)) + ret
}

// ownedDelete deletes from an owned-through table pinned through its parent.
func (b *builder) ownedDelete() string {
	if b.pct(30) {
		n, l, o := b.alias("item_notes"), b.alias("line_items"), b.alias("orders")
		return fmt.Sprintf("DELETE FROM item_notes %s USING line_items %s, orders %s WHERE %s RETURNING %s.truth_tenant AS tq_t0, %s.tenant_id AS tq_t1",
			n, l, o, b.where(l+".id = "+n+".line_item_id", o+".id = "+l+".order_id", b.pin(o, ""), b.maybeFilter("line_items", l, 40)), n, o)
	}
	c := pick(b, chains)
	ch, pa := b.alias(c.child), b.alias(c.parent)
	inner := fmt.Sprintf("SELECT %s.%s FROM %s %s WHERE %s", pa, c.key, c.parent, pa, b.pin(pa, ""))
	pred := fmt.Sprintf("%s.%s IN (%s)", ch, c.fk, inner)
	switch {
	case b.offer("owned-not-in", 20):
		pred = fmt.Sprintf("%s.%s NOT IN (%s)", ch, c.fk, inner)
	case b.offer("owned-in-or", 15):
		pred = fmt.Sprintf("(%s OR %s.id %% 4 = 0)", pred, ch)
	}
	return fmt.Sprintf("DELETE FROM %s %s WHERE %s RETURNING %s.truth_tenant AS tq_t0", c.child, ch, b.where(pred, b.maybeFilter(c.child, ch, 50)), ch)
}

// plainPin is pin without its forms that name rows by id: for a scalar subquery that must find
// a row of the tenant.
func (b *builder) plainPin(alias string) string {
	safe := alias + ".tenant_id = " + b.tv()
	if b.pct(30) {
		safe = b.tv() + " = " + alias + ".tenant_id"
	}
	return b.addPin(pinSlot{alias: alias, safe: safe})
}

// ownedUpsert inserts a line item under a pinned order, updating the item the order has with
// that sku: the conflict target holds the owning key, so the row updated is the order's.
func (b *builder) ownedUpsert() string {
	o := b.alias("orders")
	sku := pick(b, []string{"sku-1", "sku-2", "sku-9"})
	where := b.where(b.pin(o, ""), fmt.Sprintf("%s.num = %d", o, 1+b.r.IntN(4)))
	ret := " RETURNING truth_tenant AS tq_t0, order_id"
	if b.offer("owned-upsert-conflict-without-owner", 60) {
		// The conflict is on the item id alone: the id may be another tenant's item.
		item := b.otherOrder()*10 + 1
		if b.pct(30) {
			item = b.ownOrder()*10 + 1
		}
		return fmt.Sprintf("INSERT INTO line_items (id, order_id, sku, qty) SELECT %s, %s.id, '%s', 5 FROM orders %s WHERE %s ON CONFLICT (id) DO UPDATE SET qty = excluded.qty",
			b.arg(item), o, sku, o, where) + ret
	}
	set := "qty = excluded.qty"
	if b.pct(30) {
		set = "qty = line_items.qty + excluded.qty"
	}
	return fmt.Sprintf("INSERT INTO line_items (order_id, sku, qty) SELECT %s.id, '%s', 5 FROM orders %s WHERE %s ON CONFLICT (order_id, sku) DO UPDATE SET %s", o, sku, o, where, set) + ret
}
