-- Labelled SQL corpus: single-column foreign keys between tenant tables under
-- trust_foreign_keys (CONTRACT.md, section 6, rule 5).
--
-- The schema is schema.sql beside this file; the policy is trusted.yaml, tenantq.yaml's with
-- trust_foreign_keys: true. The same statements under tenantq.yaml are in corpus.sql
-- (single-fk/), where they are unpinned. Format: that of testdata/sqlcheck/corpus.sql.

-- case: trust/child-through-pinned-parent
-- want: safe
-- note: invoices.order_id references orders.id; the team vouches it never points into another tenant.
SELECT i.* FROM invoices i JOIN orders o ON o.id = i.order_id WHERE o.tenant_id = $1;

-- case: trust/child-through-unpinned-parent
-- want: unpinned i, unpinned o
SELECT i.* FROM invoices i JOIN orders o ON o.id = i.order_id WHERE o.number = $1;

-- case: trust/parent-through-pinned-child
-- want: safe
SELECT o.* FROM orders o JOIN invoices i ON i.order_id = o.id WHERE i.tenant_id = $1;

-- case: trust/parent-through-child-wrong-column
-- want: unpinned o
SELECT o.* FROM orders o JOIN invoices i ON i.id = o.id WHERE i.tenant_id = $1;

-- case: trust/child-in-parent
-- want: safe
SELECT * FROM invoices WHERE order_id IN (SELECT id FROM orders WHERE tenant_id = $1);

-- case: trust/child-in-parent-wrong-column
-- want: unpinned invoices
SELECT * FROM invoices WHERE order_id IN (SELECT customer_id FROM orders WHERE tenant_id = $1);

-- case: trust/child-exists-parent
-- want: safe
SELECT * FROM invoices i WHERE EXISTS (SELECT 1 FROM orders o WHERE o.id = i.order_id AND o.tenant_id = $1);

-- case: trust/child-not-exists-parent
-- want: unpinned i
SELECT * FROM invoices i WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = i.order_id AND o.tenant_id = $1);

-- case: trust/left-join-preserved-child
-- want: unpinned i
-- note: trusted or not, an outer join pins only its nullable side.
SELECT i.* FROM invoices i LEFT JOIN orders o ON o.id = i.order_id AND o.tenant_id = $1;

-- case: trust/two-values
-- want: multiple-tenants
-- note: the trusted key equates the invoice's tenant with the order's.
SELECT i.* FROM invoices i JOIN orders o ON o.id = i.order_id WHERE o.tenant_id = $1 AND i.tenant_id = $2;

-- case: trust/owned-through-trusted
-- want: safe
SELECT li.* FROM invoices i JOIN orders o ON o.id = i.order_id JOIN line_items li ON li.order_id = o.id WHERE i.tenant_id = $1;

-- case: trust/owned-through-untrusted-column
-- want: unpinned li, unpinned o
SELECT li.* FROM invoices i JOIN orders o ON o.number = i.ref JOIN line_items li ON li.order_id = o.id WHERE i.tenant_id = $1;

-- case: trust/reached-not-a-tenant-table
-- want: unpinned u
-- note: trust_foreign_keys is about keys between tenant tables; users is reached through
-- note: users_accounts only, and tasks.assignee_id is not that link.
SELECT u.email FROM tasks t JOIN users u ON u.id = t.assignee_id WHERE t.tenant_id = $1;

-- case: trust/tenant-key-to-accounts
-- want: unpinned p
-- note: projects.tenant_id references accounts.id: that key holds the tenant columns and
-- note: equates tenants only where it is joined; p.name = a.name joins no key.
SELECT p.* FROM accounts a JOIN projects p ON p.name = a.name WHERE a.id = $1;

-- case: trust/composite-still-pins
-- want: safe
SELECT o.* FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.tenant_id = $1;

-- case: trust/owners-other-key
-- want: unpinned s
-- note: trust_foreign_keys does not change owners: shipments.customer_id is not its owning key.
SELECT s.* FROM shipments s JOIN customers c ON c.id = s.customer_id WHERE c.tenant_id = $1;

-- case: trust/milestones-in-projects
-- want: safe
SELECT * FROM milestones WHERE project_id IN (SELECT id FROM projects WHERE tenant_id = $1);

-- case: trust/milestones-by-project-value
-- want: unpinned milestones
-- note: trust makes a key pin between occurrences; a bare project id is no occurrence.
SELECT * FROM milestones WHERE project_id = $1;

-- case: trust/update-through-trusted
-- want: safe
UPDATE invoices i SET amount = 0 FROM orders o WHERE o.id = i.order_id AND o.tenant_id = $1 AND o.status = 'void';

-- case: trust/update-not-joined
-- want: unpinned i
UPDATE invoices i SET amount = 0 FROM orders o WHERE o.id = $2 AND o.tenant_id = $1;
