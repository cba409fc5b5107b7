-- Labelled SQL corpus: the tenancy contract, case by case.
--
-- Every entry point that takes SQL text (checker, builder, guard, analyzer, tenantvet sql) is
-- tested against these cases; internal/corpus reads them. Every statement is valid PostgreSQL
-- against schema.sql beside this file, except the parse/ cases, which must not parse, and one
-- merge/ case written in PostgreSQL 17 syntax (the version of the parser the checker uses).
--
-- Policy: tenant column tenant_id; tables from schema.sql, where plans and countries are global
-- and every other table (audit.events too) is tenant-scoped; shared tenant value 0.
--
-- Format: "-- case: group/slug", "-- want: safe" or a comma-separated list of "rule ref" (rules
-- about one table occurrence: ref is the alias, else the table name as PostgreSQL folds it,
-- without schema) or "rule" (multiple-tenants, unverifiable, parse: about the whole statement),
-- optional "-- note:" lines, then the SQL, ending with ";" at the end of a line. A violation
-- found twice is listed twice.

-- ===== contract: the examples of CONTRACT.md section 5, verbatim =====

-- case: contract/select-pinned
-- want: safe
SELECT * FROM contacts WHERE tenant_id = $1;

-- case: contract/select-no-tenant
-- want: unpinned contacts
SELECT * FROM contacts WHERE id = $1;

-- case: contract/pin-and-or-inside
-- want: safe
SELECT * FROM contacts c WHERE c.tenant_id = $1 AND (c.name = $2 OR c.email = $3);

-- case: contract/pin-ored-away
-- want: unpinned contacts
SELECT * FROM contacts WHERE tenant_id = $1 OR id = $2;

-- case: contract/or-every-branch-pins
-- want: safe
-- note: the contract writes the predicates as "a" and "b"; here they are real predicates so the
-- note: statement is valid PostgreSQL. Every branch of the OR pins contacts to $1.
SELECT * FROM contacts WHERE (tenant_id = $1 AND name = $2) OR (tenant_id = $1 AND email = $3);

-- case: contract/in-two-values
-- want: unpinned contacts
SELECT * FROM contacts WHERE tenant_id IN ($1, $2);

-- case: contract/two-values
-- want: multiple-tenants
SELECT * FROM contacts WHERE tenant_id = $1 AND tenant_id = $2;

-- case: contract/function-wrapped-column
-- want: unpinned contacts
SELECT * FROM contacts WHERE lower(tenant_id::text) = $1;

-- case: contract/join-unpinned
-- want: unpinned d
SELECT c.* FROM contacts c JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = $1;

-- case: contract/join-pinned-transitively
-- want: safe
SELECT c.* FROM contacts c JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id WHERE c.tenant_id = $1;

-- case: contract/join-using-tenant
-- want: safe
SELECT c.* FROM contacts c JOIN deals d USING (tenant_id) WHERE c.tenant_id = $1;

-- case: contract/left-join-pins-preserved-side
-- want: unpinned c, unpinned d
SELECT * FROM contacts c LEFT JOIN deals d ON d.contact_id = c.id AND c.tenant_id = $1;

-- case: contract/global-joined
-- want: safe
SELECT * FROM contacts c JOIN plans p ON p.id = c.plan_id WHERE c.tenant_id = $1;

-- case: contract/union-second-arm
-- want: unpinned contacts
SELECT * FROM contacts WHERE tenant_id = $1 UNION SELECT * FROM contacts;

-- case: contract/cte-body-unpinned
-- want: unpinned deals
WITH x AS (SELECT * FROM deals) SELECT * FROM x JOIN contacts c ON c.id = x.contact_id WHERE c.tenant_id = $1;

-- case: contract/scalar-subquery-unpinned
-- want: unpinned n
SELECT c.*, (SELECT count(*) FROM notes n WHERE n.contact_id = c.id) FROM contacts c WHERE c.tenant_id = $1;

-- case: contract/derived-table-join-unpinned
-- want: unpinned d
SELECT * FROM (SELECT * FROM contacts WHERE tenant_id = $1) c JOIN deals d ON d.contact_id = c.id;

-- case: contract/update-unpinned
-- want: unpinned deals
UPDATE deals SET stage = $2 WHERE id = $1;

-- case: contract/update-tenant-write
-- want: tenant-write deals
UPDATE deals SET tenant_id = $3 WHERE tenant_id = $1 AND id = $2;

-- case: contract/delete-using
-- want: safe
DELETE FROM notes n USING contacts c WHERE n.contact_id = c.id AND c.tenant_id = $1 AND n.tenant_id = c.tenant_id;

-- case: contract/insert-multi-row
-- want: safe
INSERT INTO notes (tenant_id, body) VALUES ($1, $2), ($1, $3);

-- case: contract/insert-without-tenant-column
-- want: insert-tenant notes
INSERT INTO notes (body) VALUES ($1);

-- case: contract/insert-without-column-list
-- want: insert-tenant notes
INSERT INTO notes VALUES ($1, $2);

-- case: contract/upsert-conflict-email
-- want: upsert-conflict contacts
INSERT INTO contacts (tenant_id, email) VALUES ($1, $2) ON CONFLICT (email) DO UPDATE SET name = excluded.name;

-- case: contract/upsert-conflict-tenant-email
-- want: safe
INSERT INTO contacts (tenant_id, email) VALUES ($1, $2) ON CONFLICT (tenant_id, email) DO UPDATE SET name = excluded.name;

-- case: contract/truncate
-- want: bulk contacts
TRUNCATE contacts;

-- case: contract/global-only
-- want: safe
SELECT * FROM plans;

-- ===== pin: the forms of a pinning predicate, and the forms that do not pin =====

-- case: pin/value-on-the-left
-- want: safe
SELECT * FROM contacts WHERE $1 = tenant_id;

-- case: pin/qualified-by-table-name
-- want: safe
SELECT * FROM contacts WHERE contacts.tenant_id = $1;

-- case: pin/unqualified-with-alias
-- want: safe
SELECT * FROM contacts c WHERE tenant_id = $1;

-- case: pin/parenthesised-column
-- want: safe
SELECT * FROM contacts WHERE (tenant_id) = ($1);

-- case: pin/cast-double-colon
-- want: safe
SELECT * FROM contacts WHERE tenant_id = $1::bigint;

-- case: pin/cast-function
-- want: safe
SELECT * FROM contacts WHERE tenant_id = CAST($1 AS bigint);

-- case: pin/literal-integer
-- want: safe
SELECT * FROM contacts WHERE tenant_id = 42;

-- case: pin/literal-string
-- want: safe
SELECT * FROM contacts WHERE tenant_id = '42';

-- case: pin/literal-cast
-- want: safe
SELECT * FROM contacts WHERE tenant_id = '42'::bigint;

-- case: pin/literal-on-the-left
-- want: safe
SELECT * FROM contacts c WHERE 42 = c.tenant_id AND c.id = $1;

-- case: pin/in-one-value
-- want: safe
SELECT * FROM contacts WHERE tenant_id IN ($1);

-- case: pin/in-one-literal
-- want: safe
SELECT * FROM contacts WHERE tenant_id IN (42) AND score > $1;

-- case: pin/in-shared-read
-- want: safe
-- note: 0 is the shared tenant value: beside the scoped tenant it is allowed in reads.
SELECT * FROM tags WHERE tenant_id IN ($1, 0);

-- case: pin/in-shared-first
-- want: safe
SELECT * FROM tags WHERE tenant_id IN (0, $1) ORDER BY name;

-- case: pin/in-shared-literal
-- want: safe
SELECT * FROM tags WHERE tenant_id IN (42, 0);

-- case: pin/shared-value-alone-read
-- want: safe
-- note: a read of the shared tenant's rows only.
SELECT * FROM tags WHERE tenant_id = 0;

-- case: pin/in-constant-not-shared
-- want: unpinned tags
-- note: 1 is not a shared tenant value, so the list names two tenants.
SELECT * FROM tags WHERE tenant_id IN ($1, 1);

-- case: pin/in-two-values-and-shared
-- want: unpinned tags
SELECT * FROM tags WHERE tenant_id IN ($1, $2, 0);

-- case: pin/in-two-literals
-- want: unpinned tags
SELECT * FROM tags WHERE tenant_id IN (1, 2);

-- case: pin/equals-any-param
-- want: unpinned contacts
-- note: = ANY($1) takes an array: any number of tenants.
SELECT * FROM contacts WHERE tenant_id = ANY($1);

-- case: pin/equals-any-array-of-one
-- want: unpinned contacts
-- note: an array is not a tenant value, even with one element.
SELECT * FROM contacts WHERE tenant_id = ANY(ARRAY[$1::bigint]);

-- case: pin/not-equal
-- want: unpinned contacts
SELECT * FROM contacts WHERE tenant_id <> $1 AND id = $2;

-- case: pin/not-equal-bang
-- want: unpinned contacts
SELECT * FROM contacts WHERE tenant_id != $1;

-- case: pin/less-than
-- want: unpinned contacts
SELECT * FROM contacts WHERE tenant_id < $1;

-- case: pin/range-closed-on-one-value
-- want: unpinned contacts
-- note: a range never pins, even when both bounds are the same value.
SELECT * FROM contacts WHERE tenant_id >= $1 AND tenant_id <= $1;

-- case: pin/between
-- want: unpinned contacts
SELECT * FROM contacts WHERE tenant_id BETWEEN $1 AND $1;

-- case: pin/is-null
-- want: unpinned contacts
SELECT * FROM contacts WHERE tenant_id IS NULL;

-- case: pin/is-not-distinct-from
-- want: unpinned contacts
-- note: the contract lists only = and IN (v) as pinning comparisons; IS NOT DISTINCT FROM also
-- note: matches NULL = NULL. Rejected (sound).
SELECT * FROM contacts WHERE tenant_id IS NOT DISTINCT FROM $1;

-- case: pin/like
-- want: unpinned contacts
SELECT * FROM contacts WHERE tenant_id::text LIKE $1;

-- case: pin/not-not-equal
-- want: unpinned contacts
-- note: NOT never pins, even when it negates a <> into an equality.
SELECT * FROM contacts WHERE NOT (tenant_id <> $1);

-- case: pin/not-equal-negated
-- want: unpinned contacts
SELECT * FROM contacts WHERE NOT (tenant_id = $1);

-- case: pin/function-abs
-- want: unpinned contacts
SELECT * FROM contacts WHERE abs(tenant_id) = $1;

-- case: pin/coalesce-column
-- want: unpinned contacts
SELECT * FROM contacts WHERE coalesce(tenant_id, 0) = $1;

-- case: pin/column-cast
-- want: unpinned contacts
-- note: a cast on the column side wraps the column; only the value side may be cast. Rejected
-- note: (sound) even though bigint to bigint changes nothing.
SELECT * FROM contacts WHERE tenant_id::bigint = $1;

-- case: pin/coalesce-value
-- want: unpinned contacts
-- note: a function call is not a tenant value.
SELECT * FROM contacts WHERE tenant_id = coalesce($1, 0);

-- case: pin/case-value
-- want: unpinned contacts
SELECT * FROM contacts WHERE tenant_id = CASE WHEN $2 THEN $1::bigint ELSE 0 END;

-- case: pin/case-predicate
-- want: unpinned contacts
SELECT * FROM contacts WHERE CASE WHEN $2::bool THEN tenant_id = $1 ELSE false END;

-- case: pin/function-argument-predicate
-- want: unpinned contacts
SELECT * FROM contacts WHERE coalesce(tenant_id = $1, false);

-- case: pin/null-value
-- want: unpinned contacts
SELECT * FROM contacts WHERE tenant_id = NULL;

-- case: pin/array-element-value
-- want: unpinned contacts
SELECT * FROM contacts WHERE tenant_id = ($1::bigint[])[1];

-- case: pin/row-comparison
-- want: safe
SELECT * FROM contacts WHERE (tenant_id, id) = ($1, $2);

-- case: pin/row-comparison-tenant-second
-- want: safe
SELECT * FROM contacts c WHERE (c.id, c.tenant_id) = ($2, $1);

-- case: pin/row-comparison-not-equal
-- want: unpinned contacts
SELECT * FROM contacts WHERE (tenant_id, id) <> ($1, $2);

-- case: pin/row-comparison-range
-- want: unpinned contacts
SELECT * FROM contacts WHERE (tenant_id, id) > ($1, $2);

-- case: pin/subquery-value
-- want: unpinned contacts, unpinned users
SELECT * FROM contacts WHERE tenant_id = (SELECT tenant_id FROM users WHERE id = $1);

-- case: pin/subquery-of-param
-- want: safe
-- note: the scalar subquery's one column is the tenant value $1, so tenant_id equals it in
-- note: every row returned (docs/contract.md section 6, rules 1 and 3).
SELECT * FROM contacts WHERE tenant_id = (SELECT $1::bigint);

-- case: pin/same-table-column
-- want: unpinned contacts
SELECT * FROM contacts WHERE tenant_id = owner_id;

-- case: pin/or-same-value
-- want: safe
SELECT * FROM contacts WHERE tenant_id = $1 OR tenant_id = $1;

-- case: pin/or-different-values
-- want: unpinned contacts
-- note: the branches pin different values, so the OR pins nothing; neither $1 nor $3 is then a
-- note: pin of the statement, so there is no multiple-tenants either.
SELECT * FROM contacts WHERE (tenant_id = $1 AND name = $2) OR (tenant_id = $3 AND name = $2);

-- case: pin/or-shared-value
-- want: unpinned contacts
-- note: $1 and 0 are different values, so the OR pins nothing. Write tenant_id IN ($1, 0).
SELECT * FROM contacts WHERE tenant_id = $1 OR tenant_id = 0;

-- case: pin/or-true
-- want: unpinned contacts
SELECT * FROM contacts WHERE tenant_id = $1 OR true;

-- case: pin/or-false-branch
-- want: unpinned c, unpinned d
-- note: AND binds tighter than OR: the pins sit in one branch of an OR whose other branch pins nothing.
SELECT * FROM contacts c JOIN deals d ON true WHERE c.tenant_id = $1 AND d.tenant_id = c.tenant_id OR false;

-- case: pin/and-with-nested-or
-- want: safe
SELECT * FROM contacts WHERE tenant_id = $1 AND (name = $2 OR (email = $3 AND tenant_id = $1));

-- case: pin/and-parenthesised
-- want: safe
SELECT * FROM contacts WHERE ((tenant_id = $1) AND (id > $2));

-- case: pin/and-not-other-value
-- want: safe
-- note: NOT (tenant_id = $2) pins nothing, so $2 is not a pin and the statement has one tenant
-- note: value; it reads only tenant $1's rows.
SELECT * FROM contacts WHERE tenant_id = $1 AND NOT (tenant_id = $2);

-- case: pin/and-or-other-value
-- want: safe
-- note: the OR does not pin (one branch does not), so $2 is not a pin of the statement.
SELECT * FROM contacts WHERE tenant_id = $1 AND (tenant_id = $2 OR name = $3);

-- case: pin/where-true
-- want: unpinned contacts
SELECT * FROM contacts WHERE true;

-- case: pin/no-where
-- want: unpinned contacts
SELECT count(*) FROM contacts;

-- case: pin/having-only
-- want: unpinned contacts
SELECT tenant_id, count(*) FROM contacts GROUP BY tenant_id HAVING tenant_id = $1;

-- case: pin/select-list-only
-- want: unpinned contacts
SELECT tenant_id = $1 FROM contacts;

-- case: pin/order-by-only
-- want: unpinned contacts
SELECT * FROM contacts ORDER BY tenant_id = $1 DESC;

-- case: pin/aggregate-filter-only
-- want: unpinned contacts
SELECT count(*) FILTER (WHERE tenant_id = $1) FROM contacts;

-- case: pin/unqualified-one-tenant-table-in-scope
-- want: safe
-- note: plans has no tenant_id, so the unqualified column can only be c's.
SELECT * FROM contacts c JOIN plans p ON p.id = c.plan_id WHERE tenant_id = $1;

-- case: pin/unqualified-ambiguous-using
-- want: safe
-- note: after JOIN ... USING (tenant_id) an unqualified tenant_id is the merged column, which
-- note: PostgreSQL resolves without ambiguity; it pins c, and USING pins d to c.
SELECT * FROM contacts c JOIN deals d USING (tenant_id) WHERE tenant_id = $1;

-- ===== join: every join kind, and where a predicate counts =====

-- case: join/inner-keyword
-- want: safe
SELECT * FROM contacts c INNER JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id WHERE c.tenant_id = $1;

-- case: join/on-pins-both-sides
-- want: safe
SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id AND c.tenant_id = $1 AND d.tenant_id = $1;

-- case: join/on-pins-left-side-transitively
-- want: safe
SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id AND c.tenant_id = $1;

-- case: join/where-pins-each
-- want: safe
SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = $1 AND d.tenant_id = $1;

-- case: join/transitive-from-right
-- want: safe
SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = d.tenant_id AND d.tenant_id = $1;

-- case: join/transitive-chain
-- want: safe
SELECT n.* FROM contacts c JOIN deals d ON d.contact_id = c.id JOIN notes n ON n.deal_id = d.id
WHERE c.tenant_id = $1 AND d.tenant_id = c.tenant_id AND n.tenant_id = d.tenant_id;

-- case: join/transitive-without-anchor
-- want: unpinned c, unpinned d
SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id WHERE c.id = $1;

-- case: join/three-tables-one-unpinned
-- want: unpinned n
SELECT * FROM contacts c
JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id
JOIN notes n ON n.deal_id = d.id
WHERE c.tenant_id = $1;

-- case: join/self-join-pinned
-- want: safe
SELECT c.name, p.name FROM contacts c JOIN contacts p ON p.id = c.parent_id AND p.tenant_id = c.tenant_id WHERE c.tenant_id = $1;

-- case: join/self-join-unpinned
-- want: unpinned p
SELECT c.name, p.name FROM contacts c JOIN contacts p ON p.id = c.parent_id WHERE c.tenant_id = $1;

-- case: join/left-pinned
-- want: safe
SELECT * FROM contacts c LEFT JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id WHERE c.tenant_id = $1;

-- case: join/left-outer-pinned
-- want: safe
SELECT * FROM contacts c LEFT OUTER JOIN deals d ON d.contact_id = c.id AND d.tenant_id = $1 WHERE c.tenant_id = $1;

-- case: join/left-unpinned
-- want: unpinned d
SELECT * FROM contacts c LEFT JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = $1;

-- case: join/left-where-pins-nullable
-- want: safe
-- note: WHERE pins any occurrence of its level, the nullable side too.
SELECT * FROM contacts c LEFT JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = $1 AND d.tenant_id = $1;

-- case: join/left-where-equates-preserved-to-pinned-nullable
-- want: safe
-- note: d is pinned to $1 by its ON; the WHERE equates c to d, so c is pinned to $1 transitively
-- note: (a null-extended d row has a NULL tenant_id and the WHERE drops it).
SELECT * FROM contacts c LEFT JOIN deals d ON d.contact_id = c.id AND d.tenant_id = $1 WHERE c.tenant_id = d.tenant_id;

-- case: join/left-on-never-pins-preserved
-- want: unpinned c
-- note: d is pinned by its ON, but the ON of a LEFT JOIN never pins the preserved side, even
-- note: through d.tenant_id = c.tenant_id: every c row is returned whatever the ON says.
SELECT * FROM contacts c LEFT JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id AND d.tenant_id = $1;

-- case: join/right-pinned
-- want: safe
SELECT * FROM deals d RIGHT JOIN contacts c ON d.contact_id = c.id AND d.tenant_id = c.tenant_id WHERE c.tenant_id = $1;

-- case: join/right-on-pins-nullable-only
-- want: unpinned d
-- note: in a RIGHT JOIN the left side (c) is the nullable one; the ON pins c, not the preserved d.
SELECT * FROM contacts c RIGHT JOIN deals d ON d.contact_id = c.id AND c.tenant_id = $1 AND d.tenant_id = $1;

-- case: join/right-unpinned
-- want: unpinned d
SELECT * FROM deals d RIGHT OUTER JOIN contacts c ON d.contact_id = c.id WHERE c.tenant_id = $1;

-- case: join/full-on-pins-neither
-- want: unpinned c, unpinned d
SELECT * FROM contacts c FULL JOIN deals d ON d.contact_id = c.id AND c.tenant_id = $1 AND d.tenant_id = $1;

-- case: join/full-where-pins
-- want: safe
SELECT * FROM contacts c FULL JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = $1 AND d.tenant_id = $1;

-- case: join/full-on-transitive
-- want: unpinned d
-- note: FULL JOIN ... ON pins neither side, so d.tenant_id = c.tenant_id there does not carry c's
-- note: pin to d. Rejected (sound), though the WHERE happens to drop unmatched d rows.
SELECT * FROM contacts c FULL OUTER JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id WHERE c.tenant_id = $1;

-- case: join/cross-pinned
-- want: safe
SELECT * FROM contacts c CROSS JOIN tags t WHERE c.tenant_id = $1 AND t.tenant_id = $1;

-- case: join/cross-unpinned
-- want: unpinned t
SELECT * FROM contacts c CROSS JOIN tags t WHERE c.tenant_id = $1;

-- case: join/cross-global
-- want: safe
SELECT * FROM contacts c CROSS JOIN countries WHERE c.tenant_id = $1;

-- case: join/comma-pinned
-- want: safe
SELECT * FROM contacts c, deals d WHERE d.contact_id = c.id AND d.tenant_id = c.tenant_id AND c.tenant_id = $1;

-- case: join/comma-unpinned
-- want: unpinned d
SELECT * FROM contacts c, deals d WHERE d.contact_id = c.id AND c.tenant_id = $1;

-- case: join/comma-three-one-unpinned
-- want: unpinned n
SELECT * FROM contacts c, deals d, notes n
WHERE d.contact_id = c.id AND n.deal_id = d.id AND c.tenant_id = $1 AND d.tenant_id = $1;

-- case: join/comma-and-join
-- want: safe
SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id, tags t
WHERE c.tenant_id = $1 AND t.tenant_id = $1;

-- case: join/natural-pinned
-- want: safe
-- note: NATURAL JOIN equates the same-named columns, tenant_id among them (and id and name).
SELECT * FROM contacts c NATURAL JOIN tags t WHERE c.tenant_id = $1;

-- case: join/natural-unpinned
-- want: unpinned c, unpinned t
SELECT * FROM contacts c NATURAL JOIN tags t WHERE c.name = $1;

-- case: join/natural-left-preserved
-- want: safe
-- note: the WHERE compares t with =, which is never true on NULL, so every row has a real t row;
-- note: for those rows the join condition holds, which pins the preserved side (docs/checker.md).
SELECT * FROM contacts c NATURAL LEFT JOIN tags t WHERE t.tenant_id = $1;

-- case: join/natural-global
-- want: safe
SELECT * FROM contacts c NATURAL JOIN plans p WHERE c.tenant_id = $1;

-- case: join/using-tenant-and-key
-- want: safe
SELECT * FROM notes n JOIN tasks t USING (tenant_id, deal_id) WHERE n.tenant_id = $1;

-- case: join/using-without-tenant
-- want: unpinned t
SELECT * FROM notes n JOIN tasks t USING (deal_id) WHERE n.tenant_id = $1;

-- case: join/using-left
-- want: safe
SELECT * FROM notes n LEFT JOIN tasks t USING (tenant_id, deal_id) WHERE n.tenant_id = $1;

-- case: join/using-left-pin-on-nullable
-- want: safe
-- note: the WHERE compares t with =, which is never true on NULL, so every row has a real t row;
-- note: for those rows the join condition holds, which pins the preserved side (docs/checker.md).
SELECT * FROM notes n LEFT JOIN tasks t USING (tenant_id, deal_id) WHERE t.tenant_id = $1;

-- case: join/using-full
-- want: unpinned t
-- note: the join condition of a FULL JOIN pins neither side, USING included.
SELECT * FROM notes n FULL JOIN tasks t USING (tenant_id, deal_id) WHERE n.tenant_id = $1;

-- case: join/nested-parentheses-left
-- want: safe
SELECT * FROM (contacts c JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id)
JOIN notes n ON n.deal_id = d.id AND n.tenant_id = d.tenant_id
WHERE c.tenant_id = $1;

-- case: join/nested-parentheses-right
-- want: safe
SELECT * FROM contacts c
JOIN (deals d JOIN notes n ON n.deal_id = d.id AND n.tenant_id = d.tenant_id) ON d.contact_id = c.id AND d.tenant_id = c.tenant_id
WHERE c.tenant_id = $1;

-- case: join/nested-parentheses-unpinned
-- want: unpinned n
SELECT * FROM contacts c
JOIN (deals d JOIN notes n ON n.deal_id = d.id) ON d.contact_id = c.id AND d.tenant_id = c.tenant_id
WHERE c.tenant_id = $1;

-- case: join/left-nullable-side-is-a-join
-- want: safe
SELECT * FROM contacts c
LEFT JOIN (deals d JOIN notes n ON n.deal_id = d.id AND n.tenant_id = d.tenant_id) ON d.contact_id = c.id AND d.tenant_id = c.tenant_id
WHERE c.tenant_id = $1;

-- case: join/left-nullable-join-inner-on-pins-one
-- want: unpinned n
SELECT * FROM contacts c
LEFT JOIN (deals d JOIN notes n ON n.deal_id = d.id AND d.tenant_id = $1) ON d.contact_id = c.id
WHERE c.tenant_id = $1;

-- case: join/left-on-pins-whole-nullable-join
-- want: safe
-- note: the ON of a LEFT JOIN pins every occurrence of its nullable side, here both d and n.
SELECT * FROM contacts c
LEFT JOIN (deals d JOIN notes n ON n.deal_id = d.id) ON d.contact_id = c.id AND d.tenant_id = c.tenant_id AND n.tenant_id = c.tenant_id
WHERE c.tenant_id = $1;

-- case: join/left-chain-pin-in-last-on
-- want: unpinned c, unpinned d
-- note: the pin of c sits in the ON of a later LEFT JOIN, where c is on the preserved side.
SELECT * FROM contacts c
JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id
LEFT JOIN notes n ON n.deal_id = d.id AND c.tenant_id = $1 AND n.tenant_id = $1;

-- case: join/inner-after-left-pins-left-tree
-- want: safe
-- note: the ON of the inner join pins the occurrences on either side, c inside the left tree
-- note: included; d is pinned to c by its LEFT JOIN ON.
SELECT * FROM contacts c
LEFT JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id
JOIN notes n ON n.contact_id = c.id AND n.tenant_id = c.tenant_id AND c.tenant_id = $1;

-- case: join/global-preserved-tenant-nullable
-- want: safe
-- note: countries is global; contacts sits on the nullable side and its ON pins it.
SELECT * FROM countries co LEFT JOIN contacts c ON c.country_code = co.code AND c.tenant_id = $1;

-- case: join/global-then-tenant-unpinned
-- want: unpinned c
SELECT * FROM plans p JOIN contacts c ON c.plan_id = p.id;

-- case: join/global-on-pins-nothing-useful
-- want: unpinned c
SELECT * FROM plans p LEFT JOIN contacts c ON c.plan_id = p.id WHERE p.id = $1;

-- ===== subquery: every position a subquery can take =====

-- case: subquery/from-pinned
-- want: safe
SELECT * FROM (SELECT * FROM deals WHERE tenant_id = $1) d;

-- case: subquery/from-pinned-only-outside
-- want: safe
-- note: the filter on the output column that passes the tenant column through unchanged pins
-- note: the occurrence inside, where PostgreSQL pushes it down (docs/contract.md section 6, rule 6).
SELECT * FROM (SELECT * FROM contacts) c WHERE c.tenant_id = $1;

-- case: subquery/from-pin-passes-through-star
-- want: safe
-- note: c.tenant_id is the pinned tenant column of the derived table (via *), so it pins d.
SELECT * FROM (SELECT * FROM contacts WHERE tenant_id = $1) c JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id;

-- case: subquery/from-pin-passes-through-column
-- want: safe
SELECT * FROM (SELECT id, tenant_id FROM contacts WHERE tenant_id = $1) c JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id;

-- case: subquery/from-pin-through-to-cte-like-join
-- want: safe
SELECT * FROM (SELECT * FROM deals WHERE tenant_id = $1) x JOIN notes n ON n.deal_id = x.id AND n.tenant_id = x.tenant_id;

-- case: subquery/from-computed-tenant-column
-- want: unpinned d
-- note: tenant_id + 0 is an expression, not the pinned tenant column, so it pins nothing outside.
SELECT * FROM (SELECT id, tenant_id + 0 AS tenant_id FROM contacts WHERE tenant_id = $1) c
JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id;

-- case: subquery/from-renamed-tenant-column
-- want: safe
-- note: the pinned tenant column is selected directly, only under another name.
SELECT * FROM (SELECT tenant_id AS t, id FROM contacts WHERE tenant_id = $1) c JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.t;

-- case: subquery/from-other-column-named-tenant-id
-- want: unpinned d
-- note: the output column is named tenant_id but holds owner_id: pins follow columns, not names.
SELECT * FROM (SELECT owner_id AS tenant_id, id FROM contacts WHERE tenant_id = $1) c
JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id;

-- case: subquery/from-column-alias-list-shifts-names
-- want: unpinned d
-- note: the alias list renames by position: c.tenant_id is the subquery's id column.
SELECT * FROM (SELECT id, tenant_id FROM contacts WHERE tenant_id = $1) AS c(tenant_id, tid) JOIN deals d ON d.tenant_id = c.tenant_id;

-- case: subquery/from-column-alias-list-keeps-tenant
-- want: safe
SELECT * FROM (SELECT id, tenant_id FROM contacts WHERE tenant_id = $1) AS c(cid, tid) JOIN deals d ON d.contact_id = c.cid AND d.tenant_id = c.tid;

-- case: subquery/from-tenant-column-of-unpinned-occurrence
-- want: unpinned c2, unpinned d
SELECT * FROM (SELECT c2.tenant_id FROM contacts c1 JOIN contacts c2 ON c2.parent_id = c1.id WHERE c1.tenant_id = $1) x
JOIN deals d ON d.tenant_id = x.tenant_id;

-- case: subquery/from-unpinned-passes-nothing
-- want: unpinned contacts, unpinned d
SELECT * FROM (SELECT * FROM contacts WHERE id = $1) c JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id;

-- case: subquery/from-nested-two-levels
-- want: safe
SELECT * FROM (SELECT * FROM (SELECT * FROM deals WHERE tenant_id = $1) a) b;

-- case: subquery/from-aggregated
-- want: safe
SELECT * FROM (SELECT tenant_id, contact_id, sum(amount) AS total FROM deals WHERE tenant_id = $1 GROUP BY tenant_id, contact_id) t
JOIN contacts c ON c.id = t.contact_id AND c.tenant_id = t.tenant_id;

-- case: subquery/lateral-pinned
-- want: safe
SELECT c.id, ld.stage FROM contacts c
CROSS JOIN LATERAL (SELECT d.stage FROM deals d WHERE d.contact_id = c.id AND d.tenant_id = c.tenant_id ORDER BY d.created_at DESC LIMIT 1) ld
WHERE c.tenant_id = $1;

-- case: subquery/lateral-unpinned
-- want: unpinned d
SELECT c.id, ld.stage FROM contacts c
CROSS JOIN LATERAL (SELECT d.stage FROM deals d WHERE d.contact_id = c.id ORDER BY d.created_at DESC LIMIT 1) ld
WHERE c.tenant_id = $1;

-- case: subquery/lateral-left-join
-- want: safe
SELECT c.id, ld.stage FROM contacts c
LEFT JOIN LATERAL (SELECT d.stage FROM deals d WHERE d.contact_id = c.id AND d.tenant_id = c.tenant_id LIMIT 1) ld ON true
WHERE c.tenant_id = $1;

-- case: subquery/lateral-comma
-- want: safe
SELECT c.id, x.cnt FROM contacts c, LATERAL (SELECT count(*) AS cnt FROM notes n WHERE n.contact_id = c.id AND n.tenant_id = $1) x
WHERE c.tenant_id = $1;

-- case: subquery/lateral-outer-unpinned
-- want: unpinned c, unpinned d
SELECT c.id, ld.stage FROM contacts c
CROSS JOIN LATERAL (SELECT d.stage FROM deals d WHERE d.contact_id = c.id AND d.tenant_id = c.tenant_id LIMIT 1) ld
WHERE c.email = $1;

-- case: subquery/lateral-function
-- want: safe
SELECT c.id, l.label FROM contacts c, LATERAL jsonb_array_elements_text(c.tags -> 'labels') AS l(label) WHERE c.tenant_id = $1;

-- case: subquery/scalar-correlated-pinned
-- want: safe
SELECT c.id, (SELECT count(*) FROM notes n WHERE n.contact_id = c.id AND n.tenant_id = c.tenant_id) AS notes
FROM contacts c WHERE c.tenant_id = $1;

-- case: subquery/scalar-uncorrelated-unpinned
-- want: unpinned contacts
SELECT (SELECT count(*) FROM contacts) AS total;

-- case: subquery/scalar-uncorrelated-pinned
-- want: safe
SELECT (SELECT count(*) FROM contacts WHERE tenant_id = $1) AS contacts, (SELECT count(*) FROM deals WHERE tenant_id = $1) AS deals;

-- case: subquery/exists-pinned
-- want: safe
SELECT * FROM contacts c WHERE c.tenant_id = $1 AND EXISTS (SELECT 1 FROM notes n WHERE n.contact_id = c.id AND n.tenant_id = c.tenant_id);

-- case: subquery/exists-unpinned
-- want: unpinned n
SELECT * FROM contacts c WHERE c.tenant_id = $1 AND EXISTS (SELECT 1 FROM notes n WHERE n.contact_id = c.id);

-- case: subquery/not-exists-pinned
-- want: safe
SELECT * FROM contacts c WHERE c.tenant_id = $1 AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.contact_id = c.id AND d.tenant_id = c.tenant_id);

-- case: subquery/not-exists-unpinned
-- want: unpinned d
SELECT * FROM contacts c WHERE c.tenant_id = $1 AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.contact_id = c.id AND d.stage = 'won');

-- case: subquery/exists-pin-ored-away
-- want: unpinned d
SELECT * FROM contacts c WHERE c.tenant_id = $1 AND EXISTS (SELECT 1 FROM deals d WHERE d.tenant_id = c.tenant_id OR d.stage = 'x');

-- case: subquery/exists-outer-unpinned
-- want: unpinned c
SELECT * FROM contacts c WHERE EXISTS (SELECT 1 FROM notes n WHERE n.contact_id = c.id AND n.tenant_id = $1);

-- case: subquery/exists-pins-outer-inside
-- want: safe
-- note: EXISTS holds only for rows where c.tenant_id = $1, so every row returned has it: a
-- note: correlated EXISTS pins the outer occurrence (docs/contract.md section 6).
SELECT * FROM contacts c WHERE EXISTS (SELECT 1 FROM plans p WHERE p.id = c.plan_id AND c.tenant_id = $1);

-- case: subquery/exists-correlated-both-unpinned
-- want: unpinned c, unpinned n
SELECT * FROM contacts c WHERE c.id = $1 AND EXISTS (SELECT 1 FROM notes n WHERE n.contact_id = c.id AND n.tenant_id = c.tenant_id);

-- case: subquery/in-pinned
-- want: safe
SELECT * FROM contacts WHERE tenant_id = $1 AND id IN (SELECT contact_id FROM deals WHERE tenant_id = $1);

-- case: subquery/in-unpinned
-- want: unpinned deals
SELECT * FROM contacts WHERE tenant_id = $1 AND id IN (SELECT contact_id FROM deals WHERE stage = 'won');

-- case: subquery/in-correlated-pinned
-- want: safe
SELECT * FROM contacts c WHERE c.tenant_id = $1 AND c.id IN (SELECT n.contact_id FROM notes n WHERE n.tenant_id = c.tenant_id);

-- case: subquery/not-in-unpinned
-- want: unpinned deals
SELECT * FROM contacts WHERE tenant_id = $1 AND id NOT IN (SELECT contact_id FROM deals WHERE stage = 'lost');

-- case: subquery/not-in-pinned
-- want: safe
SELECT * FROM contacts WHERE tenant_id = $1 AND id NOT IN (SELECT contact_id FROM deals WHERE tenant_id = $1 AND contact_id IS NOT NULL);

-- case: subquery/any-pinned
-- want: safe
SELECT * FROM contacts c WHERE c.tenant_id = $1 AND c.id = ANY (SELECT d.contact_id FROM deals d WHERE d.tenant_id = c.tenant_id);

-- case: subquery/any-unpinned
-- want: unpinned d
SELECT * FROM contacts c WHERE c.tenant_id = $1 AND c.id = ANY (SELECT d.contact_id FROM deals d WHERE d.amount > $2);

-- case: subquery/all-unpinned
-- want: unpinned x
SELECT * FROM deals d WHERE d.tenant_id = $1 AND d.amount > ALL (SELECT x.amount FROM deals x WHERE x.contact_id = d.contact_id);

-- case: subquery/all-pinned
-- want: safe
SELECT * FROM deals d WHERE d.tenant_id = $1 AND d.amount >= ALL (SELECT x.amount FROM deals x WHERE x.contact_id = d.contact_id AND x.tenant_id = d.tenant_id);

-- case: subquery/having-pinned
-- want: safe
SELECT c.country_code, count(*) FROM contacts c WHERE c.tenant_id = $1 GROUP BY c.country_code
HAVING count(*) > (SELECT count(*) / 10 FROM deals d WHERE d.tenant_id = $1);

-- case: subquery/having-unpinned
-- want: unpinned deals
SELECT c.country_code, count(*) FROM contacts c WHERE c.tenant_id = $1 GROUP BY c.country_code
HAVING count(*) > (SELECT count(*) / 10 FROM deals);

-- case: subquery/order-by-unpinned
-- want: unpinned d
SELECT * FROM contacts c WHERE c.tenant_id = $1 ORDER BY (SELECT max(d.amount) FROM deals d WHERE d.contact_id = c.id) DESC;

-- case: subquery/order-by-pinned
-- want: safe
SELECT * FROM contacts c WHERE c.tenant_id = $1
ORDER BY (SELECT max(d.amount) FROM deals d WHERE d.contact_id = c.id AND d.tenant_id = c.tenant_id) DESC;

-- case: subquery/join-on-unpinned
-- want: unpinned users
SELECT * FROM contacts c
JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id AND d.owner_id IN (SELECT id FROM users WHERE role = 'admin')
WHERE c.tenant_id = $1;

-- case: subquery/join-on-pinned
-- want: safe
SELECT * FROM contacts c
JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id AND d.owner_id IN (SELECT u.id FROM users u WHERE u.role = 'admin' AND u.tenant_id = c.tenant_id)
WHERE c.tenant_id = $1;

-- case: subquery/nested-three-deep-pinned
-- want: safe
SELECT * FROM contacts c WHERE c.tenant_id = $1 AND EXISTS (
  SELECT 1 FROM deals d WHERE d.contact_id = c.id AND d.tenant_id = c.tenant_id AND EXISTS (
    SELECT 1 FROM notes n WHERE n.deal_id = d.id AND n.tenant_id = d.tenant_id AND EXISTS (
      SELECT 1 FROM users u WHERE u.id = n.author_id AND u.tenant_id = c.tenant_id)));

-- case: subquery/nested-three-deep-innermost-unpinned
-- want: unpinned u
SELECT * FROM contacts c WHERE c.tenant_id = $1 AND EXISTS (
  SELECT 1 FROM deals d WHERE d.contact_id = c.id AND d.tenant_id = c.tenant_id AND EXISTS (
    SELECT 1 FROM notes n WHERE n.deal_id = d.id AND n.tenant_id = d.tenant_id AND EXISTS (
      SELECT 1 FROM users u WHERE u.id = n.author_id)));

-- case: subquery/nested-three-deep-middle-unpinned
-- want: unpinned d
SELECT * FROM contacts c WHERE c.tenant_id = $1 AND EXISTS (
  SELECT 1 FROM deals d WHERE d.contact_id = c.id AND EXISTS (
    SELECT 1 FROM notes n WHERE n.deal_id = d.id AND n.tenant_id = c.tenant_id AND EXISTS (
      SELECT 1 FROM users u WHERE u.id = n.author_id AND u.tenant_id = n.tenant_id)));

-- case: subquery/correlated-unqualified-inner
-- want: safe
-- note: the unqualified tenant_id resolves in its own level first, to deals.
SELECT * FROM contacts c WHERE c.tenant_id = $1 AND EXISTS (SELECT 1 FROM deals WHERE contact_id = c.id AND tenant_id = c.tenant_id);

-- case: subquery/correlated-unqualified-inner-value
-- want: safe
SELECT * FROM contacts c WHERE c.tenant_id = $1 AND EXISTS (SELECT 1 FROM deals WHERE contact_id = c.id AND tenant_id = $1);

-- case: subquery/correlated-unqualified-outer
-- want: safe
-- note: the unqualified tenant_id inside EXISTS is the outer contacts' (plans has none), and
-- note: EXISTS holds only when it equals $1: the outer row is pinned (docs/contract.md section 6).
SELECT * FROM contacts WHERE id = $2 AND EXISTS (SELECT 1 FROM plans p WHERE p.id = plan_id AND tenant_id = $1);

-- case: subquery/where-scalar-same-table
-- want: unpinned contacts
SELECT * FROM contacts c WHERE c.tenant_id = $1 AND c.score > (SELECT avg(score) FROM contacts);

-- case: subquery/same-table-twice-unpinned
-- want: unpinned contacts, unpinned contacts
SELECT * FROM contacts WHERE id IN (SELECT parent_id FROM contacts);

-- case: subquery/case-exists
-- want: unpinned t
SELECT d.id, CASE WHEN EXISTS (SELECT 1 FROM tasks t WHERE t.deal_id = d.id) THEN 'busy' ELSE 'idle' END
FROM deals d WHERE d.tenant_id = $1;

-- case: subquery/function-argument
-- want: unpinned contacts
SELECT * FROM jsonb_each((SELECT tags FROM contacts WHERE id = $1));

-- case: subquery/array-constructor-pinned
-- want: safe
SELECT ARRAY(SELECT name FROM tags WHERE tenant_id = $1 ORDER BY name);

-- case: subquery/array-constructor-join-unpinned
-- want: unpinned t
SELECT c.id, ARRAY(SELECT t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id AND ct.tenant_id = c.tenant_id)
FROM contacts c WHERE c.tenant_id = $1;

-- case: subquery/exists-top-level
-- want: unpinned contacts
SELECT EXISTS (SELECT 1 FROM contacts WHERE email = $1);

-- ===== cte: WITH, recursive and data-modifying =====

-- case: cte/pinned
-- want: safe
WITH x AS (SELECT * FROM deals WHERE tenant_id = $1) SELECT * FROM x;

-- case: cte/pinned-only-outside
-- want: safe
-- note: the filter on the output column that passes the tenant column through unchanged pins
-- note: the occurrence inside, where PostgreSQL pushes it down (docs/contract.md section 6, rule 6).
WITH x AS (SELECT * FROM deals) SELECT * FROM x WHERE x.tenant_id = $1;

-- case: cte/several-pinned
-- want: safe
WITH a AS (SELECT id FROM contacts WHERE tenant_id = $1),
     b AS (SELECT contact_id FROM deals WHERE tenant_id = $1)
SELECT * FROM a JOIN b ON b.contact_id = a.id;

-- case: cte/several-one-unpinned
-- want: unpinned deals
WITH a AS (SELECT id FROM contacts WHERE tenant_id = $1),
     b AS (SELECT contact_id FROM deals WHERE stage = 'won')
SELECT * FROM a JOIN b ON b.contact_id = a.id;

-- case: cte/chained
-- want: safe
WITH a AS (SELECT * FROM deals WHERE tenant_id = $1), b AS (SELECT * FROM a WHERE stage = 'won') SELECT * FROM b;

-- case: cte/chained-pin-through
-- want: safe
WITH x AS (SELECT * FROM deals WHERE tenant_id = $1),
     y AS (SELECT n.* FROM x JOIN notes n ON n.deal_id = x.id AND n.tenant_id = x.tenant_id)
SELECT * FROM y;

-- case: cte/chained-second-unpinned
-- want: unpinned n
WITH x AS (SELECT * FROM deals WHERE tenant_id = $1),
     y AS (SELECT n.* FROM x JOIN notes n ON n.deal_id = x.id)
SELECT * FROM y;

-- case: cte/unreferenced-unpinned
-- want: unpinned deals
-- note: PostgreSQL skips an unreferenced SELECT CTE, but its body is checked where it is defined.
WITH x AS (SELECT * FROM deals) SELECT * FROM contacts WHERE tenant_id = $1;

-- case: cte/shadows-table
-- want: safe
-- note: inside a non-recursive CTE body, contacts is the table; outside, it is the CTE.
WITH contacts AS (SELECT * FROM contacts WHERE tenant_id = $1) SELECT * FROM contacts;

-- case: cte/shadows-table-body-unpinned
-- want: safe
-- note: the filter on the output column that passes the tenant column through unchanged pins
-- note: the occurrence inside, where PostgreSQL pushes it down (docs/contract.md section 6, rule 6).
WITH contacts AS (SELECT * FROM contacts) SELECT * FROM contacts WHERE tenant_id = $1;

-- case: cte/shadow-in-join
-- want: safe
-- note: d is a reference to the CTE deals, not an occurrence of the table; the CTE body is pinned.
WITH deals AS (SELECT * FROM deals WHERE tenant_id = $1)
SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = $1;

-- case: cte/scope-ends-at-subquery
-- want: safe
-- note: the outer tags t is the table, joined on its primary key to the derived table's pinned
-- note: rows of tags (docs/contract.md section 6, rules 4 and 7).
SELECT * FROM (WITH tags AS (SELECT * FROM tags WHERE tenant_id = $1) SELECT * FROM tags) a JOIN tags t ON t.id = a.id;

-- case: cte/pin-through
-- want: safe
-- note: x.tenant_id is the CTE's output tenant column, pinned to $1, so it pins n.
WITH x AS (SELECT * FROM deals WHERE tenant_id = $1) SELECT * FROM x JOIN notes n ON n.deal_id = x.id AND n.tenant_id = x.tenant_id;

-- case: cte/pin-through-unpinned-body
-- want: unpinned deals, unpinned n
WITH x AS (SELECT * FROM deals) SELECT * FROM x JOIN notes n ON n.deal_id = x.id AND n.tenant_id = x.tenant_id;

-- case: cte/column-list-renames-other-column
-- want: unpinned d
-- note: the CTE's column list names owner_id tenant_id; it is not a pinned tenant column.
WITH x(tenant_id) AS (SELECT owner_id FROM contacts WHERE tenant_id = $1) SELECT * FROM x JOIN deals d ON d.tenant_id = x.tenant_id;

-- case: cte/used-in-subquery
-- want: safe
WITH x AS (SELECT id FROM contacts WHERE tenant_id = $1) SELECT * FROM deals WHERE tenant_id = $1 AND contact_id IN (SELECT id FROM x);

-- case: cte/materialized
-- want: safe
WITH x AS MATERIALIZED (SELECT * FROM tasks WHERE tenant_id = $1 AND NOT done) SELECT * FROM x ORDER BY due;

-- case: cte/not-materialized-unpinned
-- want: unpinned tasks
WITH x AS NOT MATERIALIZED (SELECT * FROM tasks WHERE NOT done) SELECT * FROM x ORDER BY due;

-- case: cte/inside-derived-table
-- want: safe
SELECT * FROM (WITH x AS (SELECT * FROM deals WHERE tenant_id = $1) SELECT * FROM x) y;

-- case: cte/in-subquery-unpinned
-- want: unpinned notes
SELECT * FROM deals d WHERE d.tenant_id = $1 AND EXISTS (WITH x AS (SELECT * FROM notes) SELECT 1 FROM x WHERE x.deal_id = d.id);

-- case: cte/recursive-pinned-through-cte-column
-- want: safe
-- note: the anchor pins tree.tenant_id to $1 and the recursive arm keeps it (c.tenant_id is pinned
-- note: to t.tenant_id and selected as the tenant column), so by induction every row is tenant $1.
WITH RECURSIVE tree AS (
  SELECT id, parent_id, tenant_id FROM contacts WHERE tenant_id = $1 AND id = $2
  UNION ALL
  SELECT c.id, c.parent_id, c.tenant_id FROM contacts c JOIN tree t ON c.parent_id = t.id AND c.tenant_id = t.tenant_id
)
SELECT * FROM tree;

-- case: cte/recursive-arm-unpinned
-- want: unpinned c
WITH RECURSIVE tree AS (
  SELECT id, parent_id, tenant_id FROM contacts WHERE tenant_id = $1 AND id = $2
  UNION ALL
  SELECT c.id, c.parent_id, c.tenant_id FROM contacts c JOIN tree t ON c.parent_id = t.id
)
SELECT * FROM tree;

-- case: cte/recursive-arm-pinned-directly
-- want: safe
WITH RECURSIVE tree AS (
  SELECT id, parent_id FROM contacts WHERE tenant_id = $1 AND id = $2
  UNION ALL
  SELECT c.id, c.parent_id FROM contacts c JOIN tree t ON c.parent_id = t.id WHERE c.tenant_id = $1
)
SELECT * FROM tree;

-- case: cte/recursive-anchor-unpinned
-- want: unpinned c, unpinned contacts
WITH RECURSIVE tree AS (
  SELECT id, parent_id, tenant_id FROM contacts WHERE id = $1
  UNION ALL
  SELECT c.id, c.parent_id, c.tenant_id FROM contacts c JOIN tree t ON c.parent_id = t.id AND c.tenant_id = t.tenant_id
)
SELECT * FROM tree;

-- case: cte/recursive-arm-replaces-tenant-column
-- want: unpinned c
-- note: the recursive arm puts owner_id where the tenant column was, so tree.tenant_id is not a
-- note: pinned tenant column after the first step and cannot pin c.
WITH RECURSIVE tree AS (
  SELECT id, parent_id, tenant_id FROM contacts WHERE tenant_id = $1 AND id = $2
  UNION ALL
  SELECT c.id, c.parent_id, c.owner_id FROM contacts c JOIN tree t ON c.parent_id = t.id AND c.tenant_id = t.tenant_id
)
SELECT * FROM tree;

-- case: cte/recursive-no-tables
-- want: safe
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) SELECT * FROM n;

-- case: cte/recursive-manager-chain
-- want: safe
WITH RECURSIVE chain AS (
  SELECT u.id, u.manager_id, u.tenant_id FROM users u WHERE u.tenant_id = $1 AND u.id = $2
  UNION
  SELECT m.id, m.manager_id, m.tenant_id FROM users m JOIN chain ON m.id = chain.manager_id AND m.tenant_id = chain.tenant_id
)
SELECT * FROM chain;

-- case: cte/dml-delete-returning
-- want: safe
WITH gone AS (DELETE FROM notes WHERE tenant_id = $1 AND id = $2 RETURNING *) SELECT * FROM gone;

-- case: cte/dml-delete-unpinned
-- want: unpinned tasks
WITH gone AS (DELETE FROM tasks WHERE id = $1 RETURNING tenant_id, id) SELECT * FROM gone;

-- case: cte/dml-update-unpinned
-- want: unpinned deals
WITH u AS (UPDATE deals SET stage = $2 WHERE id = $1 RETURNING id) SELECT * FROM u;

-- case: cte/dml-update-pinned
-- want: safe
WITH u AS (UPDATE deals SET stage = $2 WHERE tenant_id = $1 AND id = $3 RETURNING id, contact_id)
SELECT c.* FROM u JOIN contacts c ON c.id = u.contact_id AND c.tenant_id = $1;

-- case: cte/dml-insert
-- want: safe
WITH i AS (INSERT INTO notes (tenant_id, body) VALUES ($1, $2) RETURNING id) SELECT id FROM i;

-- case: cte/dml-insert-without-tenant
-- want: insert-tenant notes
WITH i AS (INSERT INTO notes (body) VALUES ($1) RETURNING id) SELECT id FROM i;

-- case: cte/dml-insert-select-from-pinned-cte
-- want: safe
-- note: src.tenant_id is the CTE's pinned tenant column, so the inserted tenant column is pinned.
WITH src AS (SELECT * FROM contacts WHERE tenant_id = $1)
INSERT INTO notes (tenant_id, contact_id, body) SELECT src.tenant_id, src.id, $2 FROM src;

-- case: cte/dml-move-without-column-list
-- want: insert-tenant notes
WITH moved AS (DELETE FROM notes WHERE tenant_id = $1 AND deal_id = $2 RETURNING *) INSERT INTO notes SELECT * FROM moved;

-- case: cte/dml-chained-writes
-- want: safe
WITH u AS (UPDATE deals SET stage = 'won' WHERE tenant_id = $1 AND id = $2 RETURNING contact_id)
UPDATE contacts SET score = score + 1 WHERE tenant_id = $1 AND id IN (SELECT contact_id FROM u);

-- case: cte/dml-target-not-shadowed
-- want: unpinned contacts
-- note: the target of DELETE is always a table, never a CTE: the CTE named contacts does not
-- note: shadow it, and this deletes from the real table, unpinned.
WITH contacts AS (SELECT 1 AS id) DELETE FROM contacts WHERE id = $1;

-- case: cte/dml-update-target-beside-shadowing-cte
-- want: safe
-- note: the UPDATE target deals is the table, and its primary key is restricted to the CTE's
-- note: pinned rows of deals (docs/contract.md section 6, rule 4).
WITH deals AS (SELECT * FROM deals WHERE tenant_id = $1) UPDATE deals SET stage = 'x' WHERE id IN (SELECT id FROM deals);

-- ===== setop: UNION, INTERSECT, EXCEPT =====

-- case: setop/union-pinned
-- want: safe
SELECT id FROM contacts WHERE tenant_id = $1 UNION SELECT contact_id FROM deals WHERE tenant_id = $1;

-- case: setop/union-all-arm-unpinned
-- want: unpinned users
SELECT id, name FROM contacts WHERE tenant_id = $1 UNION ALL SELECT id, name FROM users;

-- case: setop/union-both-unpinned-same-table
-- want: unpinned contacts, unpinned contacts
SELECT id FROM contacts WHERE score > $1 UNION SELECT parent_id FROM contacts WHERE score < $1;

-- case: setop/intersect-pinned
-- want: safe
SELECT contact_id FROM deals WHERE tenant_id = $1 INTERSECT SELECT contact_id FROM notes WHERE tenant_id = $1;

-- case: setop/intersect-arm-unpinned
-- want: unpinned notes
-- note: an INTERSECT arm still reads rows (and reveals whether other tenants have them).
SELECT contact_id FROM deals WHERE tenant_id = $1 INTERSECT SELECT contact_id FROM notes;

-- case: setop/except-pinned
-- want: safe
SELECT id FROM contacts WHERE tenant_id = $1 EXCEPT SELECT contact_id FROM deals WHERE tenant_id = $1;

-- case: setop/except-arm-unpinned
-- want: unpinned deals
SELECT id FROM contacts WHERE tenant_id = $1 EXCEPT ALL SELECT contact_id FROM deals;

-- case: setop/nested-pinned
-- want: safe
(SELECT id FROM contacts WHERE tenant_id = $1 UNION SELECT contact_id FROM deals WHERE tenant_id = $1)
EXCEPT SELECT contact_id FROM notes WHERE tenant_id = $1;

-- case: setop/nested-inner-arm-unpinned
-- want: unpinned deals
(SELECT id FROM contacts WHERE tenant_id = $1 UNION SELECT contact_id FROM deals)
EXCEPT SELECT contact_id FROM notes WHERE tenant_id = $1;

-- case: setop/three-arms-last-unpinned
-- want: unpinned tasks
SELECT id FROM deals WHERE tenant_id = $1 UNION SELECT deal_id FROM notes WHERE tenant_id = $1 UNION SELECT deal_id FROM tasks;

-- case: setop/arms-different-tenants
-- want: multiple-tenants
SELECT id FROM contacts WHERE tenant_id = $1 UNION SELECT id FROM contacts WHERE tenant_id = $2;

-- case: setop/order-by-limit
-- want: safe
SELECT name FROM contacts WHERE tenant_id = $1 UNION SELECT name FROM users WHERE tenant_id = $1 ORDER BY 1 LIMIT $2;

-- case: setop/in-derived-table
-- want: safe
SELECT * FROM (SELECT tenant_id, id FROM contacts WHERE tenant_id = $1 UNION ALL SELECT tenant_id, id FROM deals WHERE tenant_id = $1) u;

-- case: setop/derived-union-arm-unpinned
-- want: unpinned deals, unpinned n
-- note: one arm is unpinned, so the union's tenant_id is not pinned and cannot pin n.
SELECT * FROM (SELECT tenant_id FROM contacts WHERE tenant_id = $1 UNION ALL SELECT tenant_id FROM deals) u
JOIN notes n ON n.tenant_id = u.tenant_id;

-- case: setop/derived-union-arm-other-column
-- want: unpinned n
-- note: the second arm puts owner_id in the tenant_id position, so the union's column is not pinned.
SELECT * FROM (SELECT tenant_id FROM contacts WHERE tenant_id = $1 UNION ALL SELECT owner_id FROM deals WHERE tenant_id = $1) u
JOIN notes n ON n.tenant_id = u.tenant_id;

-- case: setop/global-arm
-- want: safe
SELECT name FROM contacts WHERE tenant_id = $1 UNION SELECT name FROM plans;

-- case: setop/values-arm
-- want: safe
SELECT id FROM contacts WHERE tenant_id = $1 UNION VALUES (0);

-- ===== update =====

-- case: update/pinned
-- want: safe
UPDATE deals SET stage = $2 WHERE tenant_id = $1 AND id = $3;

-- case: update/alias-pinned
-- want: safe
UPDATE deals AS d SET stage = $2 WHERE d.tenant_id = $1 AND d.id = $3;

-- case: update/alias-unpinned
-- want: unpinned d
UPDATE deals d SET stage = $1 WHERE d.id = $2;

-- case: update/no-where
-- want: unpinned contacts
UPDATE contacts SET score = 0;

-- case: update/pin-ored-away
-- want: unpinned deals
UPDATE deals SET stage = $3 WHERE tenant_id = $1 OR id = $2;

-- case: update/in-one-value
-- want: safe
UPDATE deals SET stage = $2 WHERE tenant_id IN ($1) AND id = $3;

-- case: update/in-shared
-- want: unpinned contacts
-- note: a shared tenant value is allowed in reads only: in the target of UPDATE it does not pin.
UPDATE contacts SET score = 0 WHERE tenant_id IN ($1, 0);

-- case: update/row-comparison
-- want: safe
UPDATE deals SET stage = $3 WHERE (tenant_id, id) = ($1, $2);

-- case: update/only-keyword
-- want: safe
UPDATE ONLY deals SET stage = $2 WHERE tenant_id = $1;

-- case: update/from-pinned
-- want: safe
UPDATE deals d SET stage = 'won' FROM contacts c WHERE d.contact_id = c.id AND c.tenant_id = $1 AND d.tenant_id = c.tenant_id;

-- case: update/from-target-unpinned
-- want: unpinned d
UPDATE deals d SET stage = 'won' FROM contacts c WHERE d.contact_id = c.id AND c.tenant_id = $1;

-- case: update/from-item-unpinned
-- want: unpinned c
UPDATE deals d SET stage = 'won' FROM contacts c WHERE d.contact_id = c.id AND d.tenant_id = $1;

-- case: update/from-global
-- want: safe
UPDATE contacts c SET score = p.price::int FROM plans p WHERE p.id = c.plan_id AND c.tenant_id = $1;

-- case: update/from-join
-- want: safe
UPDATE deals d SET stage = $2
FROM contacts c JOIN users u ON u.id = c.owner_id AND u.tenant_id = c.tenant_id
WHERE d.contact_id = c.id AND c.tenant_id = $1 AND d.tenant_id = $1;

-- case: update/from-join-unpinned
-- want: unpinned u
UPDATE deals d SET stage = $2
FROM contacts c JOIN users u ON u.id = c.owner_id
WHERE d.contact_id = c.id AND c.tenant_id = $1 AND d.tenant_id = $1;

-- case: update/from-shared-read-carried-to-target
-- want: unpinned d
-- note: c is a read and IN ($1, 0) pins it, but d takes c's pin (tenant $1 or the shared tenant)
-- note: through d.tenant_id = c.tenant_id, and a shared value does not pin a write target.
UPDATE deals d SET stage = 'won' FROM contacts c
WHERE c.tenant_id IN ($1, 0) AND d.contact_id = c.id AND d.tenant_id = c.tenant_id;

-- case: update/set-subquery-unpinned
-- want: unpinned d
UPDATE contacts SET score = (SELECT count(*) FROM deals d WHERE d.contact_id = contacts.id) WHERE tenant_id = $1;

-- case: update/set-subquery-correlated
-- want: safe
UPDATE contacts SET score = (SELECT count(*) FROM deals d WHERE d.contact_id = contacts.id AND d.tenant_id = contacts.tenant_id)
WHERE tenant_id = $1;

-- case: update/where-subquery-unpinned
-- want: unpinned deals
UPDATE contacts SET score = 0 WHERE tenant_id = $1 AND id IN (SELECT contact_id FROM deals WHERE stage = 'lost');

-- case: update/where-subquery-shared-read
-- want: safe
-- note: the subquery only reads, so the shared value pins it; the target is pinned to $1 alone.
UPDATE contacts SET score = 0 WHERE tenant_id = $1 AND id IN (SELECT contact_id FROM deals WHERE tenant_id IN ($1, 0));

-- case: update/set-tenant-same-value
-- want: safe
UPDATE deals SET tenant_id = $1, stage = $2 WHERE tenant_id = $1 AND id = $3;

-- case: update/set-tenant-same-value-cast
-- want: safe
UPDATE deals SET tenant_id = $1::bigint WHERE tenant_id = $1 AND id = $2;

-- case: update/set-tenant-same-literal
-- want: safe
UPDATE deals SET tenant_id = 42, stage = $2 WHERE tenant_id = 42 AND id = $1;

-- case: update/set-tenant-other-literal
-- want: tenant-write deals
UPDATE deals SET tenant_id = 7 WHERE tenant_id = $1 AND id = $2;

-- case: update/set-tenant-shared-value
-- want: tenant-write deals
UPDATE deals SET tenant_id = 0 WHERE tenant_id = $1 AND id = $2;

-- case: update/set-tenant-null
-- want: tenant-write deals
UPDATE deals SET tenant_id = NULL WHERE tenant_id = $1 AND id = $2;

-- case: update/set-tenant-default
-- want: tenant-write deals
UPDATE deals SET tenant_id = DEFAULT WHERE tenant_id = $1 AND id = $2;

-- case: update/set-tenant-to-itself
-- want: safe
-- note: the checker accepts what it proves: the WHERE pins tenant_id to $1, so SET tenant_id = tenant_id
-- note: writes $1 back (docs/checker.md, sound extensions).
UPDATE deals SET tenant_id = tenant_id WHERE tenant_id = $1 AND id = $2;

-- case: update/set-tenant-from-pinned-column
-- want: safe
-- note: c.tenant_id and d.tenant_id are both pinned to $1, so the SET writes the value the row has
-- note: (docs/checker.md, sound extensions).
UPDATE deals d SET tenant_id = c.tenant_id FROM contacts c WHERE d.contact_id = c.id AND c.tenant_id = $1 AND d.tenant_id = $1;

-- case: update/set-tenant-from-shared-pinned-column
-- want: tenant-write d
-- note: c.tenant_id may be the shared tenant 0: rows would move into the shared tenant.
UPDATE deals d SET tenant_id = c.tenant_id FROM contacts c
WHERE d.contact_id = c.id AND c.tenant_id IN ($1, 0) AND d.tenant_id = $1;

-- case: update/set-tenant-from-unpinned-column
-- want: tenant-write d, unpinned c
UPDATE deals d SET tenant_id = c.tenant_id FROM contacts c WHERE d.contact_id = c.id AND d.tenant_id = $1;

-- case: update/set-tenant-other-column
-- want: tenant-write deals
UPDATE deals SET tenant_id = owner_id WHERE tenant_id = $1;

-- case: update/set-tenant-unpinned-too
-- want: tenant-write deals, unpinned deals
UPDATE deals SET tenant_id = $2 WHERE id = $1;

-- case: update/multi-column
-- want: safe
UPDATE deals SET (stage, amount) = ($2, $3) WHERE tenant_id = $1 AND id = $4;

-- case: update/multi-column-tenant-other
-- want: tenant-write deals
UPDATE deals SET (tenant_id, stage) = ($2, $3) WHERE tenant_id = $1 AND id = $4;

-- case: update/multi-column-tenant-same
-- want: safe
UPDATE deals SET (tenant_id, stage) = ($1, $2) WHERE tenant_id = $1 AND id = $3;

-- case: update/multi-column-subquery-unpinned
-- want: unpinned src
UPDATE deals SET (stage, amount) = (SELECT src.stage, src.amount FROM deals src WHERE src.id = $2) WHERE tenant_id = $1 AND id = $3;

-- case: update/multi-column-subquery-pinned
-- want: safe
UPDATE deals SET (stage, amount) = (SELECT src.stage, src.amount FROM deals src WHERE src.tenant_id = $1 AND src.id = $2)
WHERE tenant_id = $1 AND id = $3;

-- case: update/multi-column-subquery-tenant
-- want: tenant-write deals
-- note: the tenant column is set from a subquery, not to the tenant value (and the subquery may
-- note: return no row, which writes NULL). Rejected (sound).
UPDATE deals SET (tenant_id, stage) = (SELECT src.tenant_id, src.stage FROM deals src WHERE src.tenant_id = $1 AND src.id = $2)
WHERE tenant_id = $1 AND id = $3;

-- case: update/returning
-- want: safe
UPDATE deals SET stage = $2 WHERE tenant_id = $1 AND id = $3 RETURNING *;

-- case: update/returning-never-pins
-- want: unpinned deals
UPDATE deals SET stage = 'won' WHERE id = $1 RETURNING tenant_id = $2;

-- case: update/returning-subquery-unpinned
-- want: unpinned n
UPDATE deals SET stage = 'won' WHERE tenant_id = $1 AND id = $2 RETURNING (SELECT count(*) FROM notes n WHERE n.deal_id = deals.id);

-- case: update/returning-subquery-correlated
-- want: safe
UPDATE deals SET stage = 'won' WHERE tenant_id = $1 AND id = $2
RETURNING (SELECT count(*) FROM notes n WHERE n.deal_id = deals.id AND n.tenant_id = deals.tenant_id);

-- case: update/where-current-of
-- want: unverifiable
UPDATE deals SET stage = $1 WHERE CURRENT OF c;

-- case: update/global
-- want: safe
UPDATE plans SET price = $1 WHERE id = $2;

-- case: update/cte-source
-- want: safe
WITH gone AS (SELECT id FROM contacts WHERE tenant_id = $1 AND deleted_at IS NOT NULL)
UPDATE deals SET stage = 'lost' WHERE tenant_id = $1 AND contact_id IN (SELECT id FROM gone);

-- case: update/two-values
-- want: multiple-tenants
UPDATE deals SET stage = $3 WHERE tenant_id = $1 AND contact_id IN (SELECT id FROM contacts WHERE tenant_id = $2);

-- ===== delete =====

-- case: delete/pinned
-- want: safe
DELETE FROM notes WHERE tenant_id = $1 AND id = $2;

-- case: delete/unpinned
-- want: unpinned notes
DELETE FROM notes WHERE id = $1;

-- case: delete/no-where
-- want: unpinned tasks
DELETE FROM tasks;

-- case: delete/alias-pinned
-- want: safe
DELETE FROM notes AS n WHERE n.tenant_id = $1 AND n.id = $2;

-- case: delete/pin-ored-away
-- want: unpinned notes
DELETE FROM notes WHERE tenant_id = $1 OR author_id = $2;

-- case: delete/not-not-equal
-- want: unpinned notes
DELETE FROM notes WHERE NOT (tenant_id <> $1);

-- case: delete/in-shared
-- want: unpinned tags
-- note: a shared tenant value is allowed in reads only: in the target of DELETE it does not pin.
DELETE FROM tags WHERE tenant_id IN ($1, 0) AND name = $2;

-- case: delete/shared-value-alone
-- want: unpinned tags
-- note: the shared tenant value pins reads only, alone as well as beside the scoped tenant.
DELETE FROM tags WHERE tenant_id = 0 AND name = $1;

-- case: delete/using-target-unpinned
-- want: unpinned n
DELETE FROM notes n USING deals d WHERE n.deal_id = d.id AND d.tenant_id = $1;

-- case: delete/using-item-unpinned
-- want: unpinned d
DELETE FROM notes n USING deals d WHERE n.deal_id = d.id AND n.tenant_id = $1;

-- case: delete/using-two-items
-- want: safe
DELETE FROM contact_tags ct USING contacts c, tags t
WHERE ct.contact_id = c.id AND ct.tag_id = t.id AND ct.tenant_id = $1 AND c.tenant_id = $1 AND t.tenant_id = $1 AND t.name = $2;

-- case: delete/using-global
-- want: safe
DELETE FROM contacts c USING plans p WHERE p.id = c.plan_id AND p.name = $2 AND c.tenant_id = $1;

-- case: delete/using-join
-- want: unpinned u
DELETE FROM notes n USING deals d JOIN users u ON u.id = d.owner_id
WHERE n.deal_id = d.id AND n.tenant_id = $1 AND d.tenant_id = n.tenant_id AND u.role = 'intern';

-- case: delete/subquery-unpinned
-- want: unpinned contacts
DELETE FROM notes WHERE tenant_id = $1 AND contact_id IN (SELECT id FROM contacts WHERE deleted_at IS NOT NULL);

-- case: delete/subquery-pinned
-- want: safe
DELETE FROM notes WHERE tenant_id = $1 AND contact_id IN (SELECT id FROM contacts WHERE tenant_id = $1 AND deleted_at IS NOT NULL);

-- case: delete/tenant-in-subquery
-- want: safe
-- note: the subquery returns only the pinned tenant column, so d.tenant_id equals $1 in every
-- note: row it deletes (docs/contract.md section 6, rule 3).
DELETE FROM deals d WHERE d.tenant_id IN (SELECT tenant_id FROM contacts WHERE tenant_id = $1);

-- case: delete/target-pinned-inside-exists
-- want: safe
-- note: EXISTS holds only for rows where d.tenant_id = c.tenant_id = $1: every deleted row has
-- note: tenant $1 (docs/contract.md section 6).
DELETE FROM deals d WHERE EXISTS (SELECT 1 FROM contacts c WHERE c.tenant_id = $1 AND d.tenant_id = c.tenant_id);

-- case: delete/using-values-with-shared
-- want: unpinned c
DELETE FROM contacts c USING (VALUES ($1::bigint), (0)) AS v(tenant_id) WHERE c.tenant_id = v.tenant_id;

-- case: delete/not-exists-correlated
-- want: safe
DELETE FROM tasks t WHERE t.tenant_id = $1 AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.id = t.deal_id AND d.tenant_id = t.tenant_id);

-- case: delete/returning
-- want: safe
DELETE FROM notes WHERE tenant_id = $1 AND id = $2 RETURNING *;

-- case: delete/where-current-of
-- want: unverifiable
DELETE FROM notes WHERE CURRENT OF c;

-- case: delete/two-values
-- want: multiple-tenants
DELETE FROM notes n USING deals d WHERE n.deal_id = d.id AND n.tenant_id = $1 AND d.tenant_id = $2;

-- case: delete/global
-- want: safe
DELETE FROM countries WHERE code = $1;

-- case: delete/quoted-table-unpinned
-- want: unpinned Invoices
DELETE FROM "Invoices" WHERE id = $1;

-- case: delete/audit-pinned
-- want: safe
DELETE FROM audit.events WHERE tenant_id = $1 AND created_at < $2;

-- ===== insert =====

-- case: insert/single-row
-- want: safe
INSERT INTO notes (tenant_id, contact_id, body) VALUES ($1, $2, $3);

-- case: insert/tenant-column-not-first
-- want: safe
INSERT INTO notes (body, tenant_id) VALUES ($1, $2);

-- case: insert/returning
-- want: safe
INSERT INTO tasks (tenant_id, deal_id, title) VALUES ($1, $2, $3) RETURNING id, tenant_id;

-- case: insert/rows-different-values
-- want: multiple-tenants
INSERT INTO notes (tenant_id, body) VALUES ($1, $2), ($3, $4);

-- case: insert/rows-same-literal
-- want: safe
INSERT INTO notes (tenant_id, body) VALUES (42, 'a'), (42, 'b');

-- case: insert/rows-different-literals
-- want: multiple-tenants
INSERT INTO notes (tenant_id, body) VALUES (1, 'a'), (2, 'b');

-- case: insert/rows-same-value-one-cast
-- want: safe
INSERT INTO notes (tenant_id, body) VALUES ($1, $2), ($1::bigint, $3);

-- case: insert/default-tenant
-- want: insert-tenant notes
INSERT INTO notes (tenant_id, body) VALUES (DEFAULT, $1);

-- case: insert/null-tenant
-- want: insert-tenant notes
INSERT INTO notes (tenant_id, body) VALUES (NULL, $1);

-- case: insert/expression-tenant
-- want: insert-tenant notes
INSERT INTO notes (tenant_id, body) VALUES ($1 + 1, $2);

-- case: insert/function-tenant
-- want: insert-tenant notes
INSERT INTO notes (tenant_id, body) VALUES (coalesce($1, 0), $2);

-- case: insert/subquery-tenant
-- want: insert-tenant notes, unpinned users
INSERT INTO notes (tenant_id, body) VALUES ((SELECT tenant_id FROM users WHERE id = $1), $2);

-- case: insert/one-row-null
-- want: insert-tenant notes
INSERT INTO notes (tenant_id, body) VALUES ($1, $2), (NULL, $3);

-- case: insert/rows-different-and-null
-- want: insert-tenant tasks, multiple-tenants
INSERT INTO tasks (tenant_id, title) VALUES ($1, $2), ($3, $4), (NULL, $5);

-- case: insert/missing-tenant-column
-- want: insert-tenant tasks
INSERT INTO tasks (title, deal_id) VALUES ($1, $2);

-- case: insert/no-column-list
-- want: insert-tenant tags
INSERT INTO tags VALUES (DEFAULT, $1, $2);

-- case: insert/default-values
-- want: insert-tenant tasks
INSERT INTO tasks DEFAULT VALUES;

-- case: insert/alias-pinned
-- want: safe
INSERT INTO notes AS n (tenant_id, body) VALUES ($1, $2) RETURNING n.id;

-- case: insert/alias-missing-tenant
-- want: insert-tenant n
INSERT INTO notes AS n (body) VALUES ($1);

-- case: insert/literal-tenant
-- want: safe
INSERT INTO tags (tenant_id, name) VALUES (42, $1);

-- case: insert/string-literal-tenant
-- want: safe
INSERT INTO tags (tenant_id, name) VALUES ('42', $1);

-- case: insert/cast-tenant
-- want: safe
INSERT INTO tags (tenant_id, name) VALUES (CAST($1 AS bigint), $2);

-- case: insert/shared-tenant-value
-- want: insert-tenant tags
-- note: the shared tenant value names rows every tenant may read, allowed in reads only: writing a
-- note: row of the shared tenant affects every tenant. Rejected (sound).
INSERT INTO tags (tenant_id, name) VALUES (0, $1);

-- case: insert/global
-- want: safe
INSERT INTO plans (name, price) VALUES ($1, $2);

-- case: insert/global-no-column-list
-- want: safe
INSERT INTO countries VALUES ($1, $2);

-- case: insert/other-schema
-- want: safe
INSERT INTO audit.events (tenant_id, kind, payload) VALUES ($1, $2, $3);

-- case: insert/other-schema-missing-tenant
-- want: insert-tenant events
INSERT INTO audit.events (kind, payload) VALUES ($1, $2);

-- case: insert/quoted-table
-- want: safe
INSERT INTO "Invoices" (tenant_id, total) VALUES ($1, $2);

-- case: insert/quoted-table-no-column-list
-- want: insert-tenant Invoices
INSERT INTO "Invoices" VALUES (DEFAULT, $1, $2);

-- case: insert/value-subquery-unpinned
-- want: unpinned contacts
INSERT INTO notes (tenant_id, contact_id, body) VALUES ($1, (SELECT id FROM contacts WHERE email = $2), $3);

-- case: insert/value-subquery-pinned
-- want: safe
INSERT INTO notes (tenant_id, contact_id, body) VALUES ($1, (SELECT id FROM contacts WHERE tenant_id = $1 AND email = $2), $3);

-- case: insert/value-subquery-other-tenant
-- want: multiple-tenants
INSERT INTO notes (tenant_id, contact_id, body) VALUES ($1, (SELECT id FROM contacts WHERE tenant_id = $2 AND email = $3), $4);

-- case: insert/select-pinned-column
-- want: safe
INSERT INTO notes (tenant_id, contact_id, body) SELECT c.tenant_id, c.id, $2 FROM contacts c WHERE c.tenant_id = $1;

-- case: insert/select-tenant-value
-- want: safe
INSERT INTO notes (tenant_id, contact_id, body) SELECT $1, c.id, $2 FROM contacts c WHERE c.tenant_id = $1;

-- case: insert/select-unpinned-source
-- want: insert-tenant notes, unpinned c
INSERT INTO notes (tenant_id, contact_id, body) SELECT c.tenant_id, c.id, $1 FROM contacts c WHERE c.email = $2;

-- case: insert/select-value-unpinned-source
-- want: unpinned c
INSERT INTO notes (tenant_id, contact_id, body) SELECT $1, c.id, 'x' FROM contacts c WHERE c.email = $2;

-- case: insert/select-other-value
-- want: multiple-tenants
-- note: the inserted tenant value $2 and the pin $1 are two tenant values of one statement.
INSERT INTO notes (tenant_id, contact_id, body) SELECT $2, c.id, 'x' FROM contacts c WHERE c.tenant_id = $1;

-- case: insert/select-non-tenant-column
-- want: insert-tenant notes
INSERT INTO notes (tenant_id, contact_id, body) SELECT c.owner_id, c.id, 'x' FROM contacts c WHERE c.tenant_id = $1;

-- case: insert/select-shared-source-column
-- want: insert-tenant tags
-- note: t.tenant_id is pinned for reading to $1 or the shared tenant 0, so inserting it could
-- note: write rows of the shared tenant.
INSERT INTO tags (tenant_id, name) SELECT t.tenant_id, t.name || ' copy' FROM tags t WHERE t.tenant_id IN ($1, 0);

-- case: insert/select-shared-source-tenant-value
-- want: safe
-- note: reading the shared rows is allowed; the rows are inserted with the tenant value $1.
INSERT INTO tags (tenant_id, name) SELECT $1, t.name || ' copy' FROM tags t WHERE t.tenant_id IN ($1, 0);

-- case: insert/select-from-global
-- want: safe
INSERT INTO tags (tenant_id, name) SELECT $1, p.name FROM plans p;

-- case: insert/select-no-column-list
-- want: insert-tenant tags
INSERT INTO tags SELECT * FROM tags WHERE tenant_id = $1;

-- case: insert/select-join-pinned
-- want: safe
INSERT INTO contact_tags (tenant_id, contact_id, tag_id)
SELECT c.tenant_id, c.id, t.id FROM contacts c JOIN tags t ON t.tenant_id = c.tenant_id AND t.name = $2 WHERE c.tenant_id = $1;

-- case: insert/select-join-tenant-from-unpinned
-- want: insert-tenant contact_tags, unpinned t
INSERT INTO contact_tags (tenant_id, contact_id, tag_id)
SELECT t.tenant_id, c.id, t.id FROM contacts c JOIN tags t ON t.name = $2 WHERE c.tenant_id = $1;

-- case: insert/select-derived-table
-- want: safe
INSERT INTO notes (tenant_id, body) SELECT s.tenant_id, s.name FROM (SELECT tenant_id, name FROM contacts WHERE tenant_id = $1) s;

-- case: insert/select-values-two-rows
-- want: insert-tenant notes
INSERT INTO notes (tenant_id, body) SELECT x.tenant_id, 'a' FROM (VALUES ($1::bigint), ($2::bigint)) AS x(tenant_id);

-- case: insert/global-select-unpinned
-- want: unpinned contacts
INSERT INTO plans (name, price) SELECT name, 0 FROM contacts;

-- case: insert/select-union
-- want: safe
-- note: a set operation's output tenant column is pinned when every arm selects a tenant column
-- note: pinned to the same value (the rule the recursive CTE cases rely on too).
INSERT INTO tags (tenant_id, name)
SELECT tenant_id, name FROM tags WHERE tenant_id = $1 UNION SELECT tenant_id, stage FROM deals WHERE tenant_id = $1;

-- ===== upsert: INSERT ... ON CONFLICT =====

-- case: upsert/do-nothing
-- want: safe
INSERT INTO contacts (tenant_id, email) VALUES ($1, $2) ON CONFLICT DO NOTHING;

-- case: upsert/do-nothing-target-without-tenant
-- want: safe
-- note: DO NOTHING overwrites nothing, whatever the conflict target.
INSERT INTO contacts (tenant_id, email) VALUES ($1, $2) ON CONFLICT (email) DO NOTHING;

-- case: upsert/target-tenant-second
-- want: safe
INSERT INTO contacts (tenant_id, email, name) VALUES ($1, $2, $3) ON CONFLICT (email, tenant_id) DO UPDATE SET name = excluded.name;

-- case: upsert/where-pins-existing-row
-- want: safe
INSERT INTO contacts (tenant_id, email, name) VALUES ($1, $2, $3)
ON CONFLICT (email) DO UPDATE SET name = excluded.name WHERE contacts.tenant_id = $1;

-- case: upsert/where-pins-alias
-- want: safe
INSERT INTO contacts AS c (tenant_id, email, name) VALUES ($1, $2, $3)
ON CONFLICT (email) DO UPDATE SET name = excluded.name WHERE c.tenant_id = $1;

-- case: upsert/alias-no-where
-- want: upsert-conflict c
INSERT INTO contacts AS c (tenant_id, email, name) VALUES ($1, $2, $3) ON CONFLICT (email) DO UPDATE SET name = excluded.name;

-- case: upsert/where-excluded-tenant
-- want: safe
-- note: excluded.tenant_id is the inserted tenant value $1, so the WHERE pins the existing row to $1
-- note: (docs/checker.md, sound extensions).
INSERT INTO contacts (tenant_id, email, name) VALUES ($1, $2, $3)
ON CONFLICT (email) DO UPDATE SET name = excluded.name WHERE contacts.tenant_id = excluded.tenant_id;

-- case: upsert/where-pin-ored-away
-- want: upsert-conflict contacts
INSERT INTO contacts (tenant_id, email, name) VALUES ($1, $2, $3)
ON CONFLICT (email) DO UPDATE SET name = excluded.name WHERE contacts.tenant_id = $1 OR contacts.deleted_at IS NOT NULL;

-- case: upsert/where-without-tenant
-- want: upsert-conflict contacts
INSERT INTO contacts (tenant_id, email, name) VALUES ($1, $2, $3)
ON CONFLICT (email) DO UPDATE SET name = excluded.name WHERE contacts.deleted_at IS NULL;

-- case: upsert/where-other-value
-- want: multiple-tenants
INSERT INTO contacts (tenant_id, email, name) VALUES ($1, $2, $3)
ON CONFLICT (email) DO UPDATE SET name = excluded.name WHERE contacts.tenant_id = $4;

-- case: upsert/on-constraint-no-where
-- want: upsert-conflict contacts
-- note: the checker does not see a constraint's columns: ON CONSTRAINT always needs the WHERE pin,
-- note: even for a constraint that does include tenant_id.
INSERT INTO contacts (tenant_id, email, name) VALUES ($1, $2, $3)
ON CONFLICT ON CONSTRAINT contacts_tenant_email_key DO UPDATE SET name = excluded.name;

-- case: upsert/on-constraint-where
-- want: safe
INSERT INTO contacts (tenant_id, email, name) VALUES ($1, $2, $3)
ON CONFLICT ON CONSTRAINT contacts_tenant_email_key DO UPDATE SET name = excluded.name WHERE contacts.tenant_id = $1;

-- case: upsert/on-constraint-do-nothing
-- want: safe
INSERT INTO contacts (tenant_id, email) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT contacts_tenant_email_key DO NOTHING;

-- case: upsert/on-constraint-with-tenant-no-where
-- want: upsert-conflict contact_tags
-- note: contact_tags_pkey includes tenant_id, but ON CONSTRAINT needs the WHERE pin.
INSERT INTO contact_tags (tenant_id, contact_id, tag_id) VALUES ($1, $2, $3)
ON CONFLICT ON CONSTRAINT contact_tags_pkey DO UPDATE SET tag_id = excluded.tag_id;

-- case: upsert/primary-key-target
-- want: upsert-conflict deals
INSERT INTO deals (id, tenant_id, stage) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET stage = excluded.stage;

-- case: upsert/primary-key-constraint-where
-- want: safe
INSERT INTO deals (id, tenant_id, stage) VALUES ($1, $2, $3)
ON CONFLICT ON CONSTRAINT deals_pkey DO UPDATE SET stage = excluded.stage WHERE deals.tenant_id = $2;

-- case: upsert/set-tenant-excluded
-- want: safe
-- note: the conflict target includes tenant_id, so the existing row has the inserted tenant, which
-- note: is excluded.tenant_id: the SET changes nothing (docs/checker.md, sound extensions).
INSERT INTO contacts (tenant_id, email, name) VALUES ($1, $2, $3)
ON CONFLICT (tenant_id, email) DO UPDATE SET tenant_id = excluded.tenant_id, name = excluded.name;

-- case: upsert/set-tenant-other-value
-- want: tenant-write contacts
INSERT INTO contacts (tenant_id, email) VALUES ($1, $2) ON CONFLICT (tenant_id, email) DO UPDATE SET tenant_id = $3;

-- case: upsert/set-tenant-excluded-target-without-tenant
-- want: tenant-write contacts, upsert-conflict contacts
-- note: the existing row may belong to another tenant; this moves it into the inserting tenant.
INSERT INTO contacts (tenant_id, email) VALUES ($1, $2) ON CONFLICT (email) DO UPDATE SET tenant_id = excluded.tenant_id;

-- case: upsert/set-tenant-same-value
-- want: safe
INSERT INTO contacts (tenant_id, email, name) VALUES ($1, $2, $3)
ON CONFLICT (tenant_id, email) DO UPDATE SET tenant_id = $1, name = excluded.name;

-- case: upsert/multi-row
-- want: safe
INSERT INTO contacts (tenant_id, email) VALUES ($1, $2), ($1, $3) ON CONFLICT (tenant_id, email) DO UPDATE SET name = excluded.name;

-- case: upsert/multi-row-different-values
-- want: multiple-tenants
INSERT INTO contacts (tenant_id, email) VALUES ($1, $2), ($3, $4) ON CONFLICT (tenant_id, email) DO NOTHING;

-- case: upsert/set-subquery-unpinned
-- want: unpinned d
INSERT INTO contacts (tenant_id, email) VALUES ($1, $2)
ON CONFLICT (tenant_id, email) DO UPDATE SET score = (SELECT count(*) FROM deals d WHERE d.contact_id = contacts.id);

-- case: upsert/set-subquery-pinned
-- want: safe
INSERT INTO contacts (tenant_id, email) VALUES ($1, $2)
ON CONFLICT (tenant_id, email) DO UPDATE SET score = (SELECT count(*) FROM deals d WHERE d.contact_id = contacts.id AND d.tenant_id = $1);

-- case: upsert/returning
-- want: safe
INSERT INTO tags (tenant_id, name) VALUES ($1, $2) ON CONFLICT (tenant_id, name) DO UPDATE SET name = excluded.name RETURNING id;

-- case: upsert/missing-tenant-column
-- want: insert-tenant tags
INSERT INTO tags (name) VALUES ($1) ON CONFLICT DO NOTHING;

-- case: upsert/select-source
-- want: safe
INSERT INTO tags (tenant_id, name) SELECT $1, p.name FROM plans p ON CONFLICT (tenant_id, name) DO NOTHING;

-- case: upsert/both-violations
-- want: insert-tenant contacts, upsert-conflict contacts
INSERT INTO contacts (email, name) VALUES ($1, $2) ON CONFLICT (email) DO UPDATE SET name = excluded.name;

-- ===== multi: more than one tenant value in a statement =====

-- case: multi/two-tables
-- want: multiple-tenants
SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = $1 AND d.tenant_id = $2;

-- case: multi/transitive-conflict
-- want: multiple-tenants
SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = $1 AND d.tenant_id = c.tenant_id AND d.tenant_id = $2;

-- case: multi/two-literals
-- want: multiple-tenants
SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = 42 AND d.tenant_id = 43;

-- case: multi/literal-and-placeholder
-- want: multiple-tenants
SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = $1 AND d.tenant_id = 42;

-- case: multi/same-placeholder-cast
-- want: safe
SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = $1 AND d.tenant_id = CAST($1 AS bigint);

-- case: multi/same-literal-twice
-- want: safe
SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = 42 AND d.tenant_id = 42;

-- case: multi/subquery
-- want: multiple-tenants
SELECT * FROM contacts c WHERE c.tenant_id = $1 AND EXISTS (SELECT 1 FROM deals d WHERE d.contact_id = c.id AND d.tenant_id = $2);

-- case: multi/cte
-- want: multiple-tenants
WITH x AS (SELECT * FROM deals WHERE tenant_id = $2) SELECT * FROM contacts c JOIN x ON x.contact_id = c.id WHERE c.tenant_id = $1;

-- case: multi/cte-shadowing-table
-- want: multiple-tenants
WITH deals AS (SELECT * FROM deals WHERE tenant_id = $2) SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = $1;

-- case: multi/lateral
-- want: multiple-tenants
SELECT * FROM contacts c CROSS JOIN LATERAL (SELECT * FROM deals d WHERE d.contact_id = c.id AND d.tenant_id = $2) ld WHERE c.tenant_id = $1;

-- case: multi/in-one-each
-- want: multiple-tenants
SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id IN ($1) AND d.tenant_id IN ($2);

-- case: multi/row-comparison-and-value
-- want: multiple-tenants
SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id WHERE (c.tenant_id, c.id) = ($1, $2) AND d.tenant_id = $3;

-- case: multi/shared-beside-value
-- want: safe
SELECT * FROM contacts c JOIN tags t ON t.name = c.name WHERE c.tenant_id = $1 AND t.tenant_id IN ($1, 0);

-- case: multi/shared-carried-by-join
-- want: safe
-- note: d takes c's pin, tenant $1 or the shared tenant; both are reads.
SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id WHERE c.tenant_id IN ($1, 0);

-- case: multi/shared-value-alone-beside-value
-- want: multiple-tenants
-- note: outside an IN list beside the scoped tenant, 0 is just another literal tenant value.
-- note: Rejected (sound); write t.tenant_id IN ($1, 0).
SELECT * FROM contacts c JOIN tags t ON t.name = c.name WHERE c.tenant_id = $1 AND t.tenant_id = 0;

-- case: multi/update-from
-- want: multiple-tenants
UPDATE deals d SET stage = 'x' FROM contacts c WHERE d.contact_id = c.id AND d.tenant_id = $1 AND c.tenant_id = $2;

-- case: multi/union-literals
-- want: multiple-tenants
SELECT id FROM tags WHERE tenant_id = 1 UNION ALL SELECT id FROM tags WHERE tenant_id = 2;

-- ===== names: schemas, quoting and case folding =====

-- case: names/public-qualified
-- want: safe
SELECT * FROM public.contacts WHERE tenant_id = $1;

-- case: names/public-qualified-unpinned
-- want: unpinned contacts
SELECT * FROM public.contacts WHERE id = $1;

-- case: names/public-qualified-column
-- want: safe
SELECT * FROM public.contacts WHERE public.contacts.tenant_id = $1;

-- case: names/public-table-column-by-name
-- want: safe
SELECT * FROM public.contacts WHERE contacts.tenant_id = $1;

-- case: names/public-and-unqualified-same-table
-- want: safe
SELECT * FROM public.contacts pc JOIN contacts c ON c.id = pc.parent_id AND c.tenant_id = pc.tenant_id WHERE pc.tenant_id = $1;

-- case: names/public-and-unqualified-unpinned
-- want: unpinned c
SELECT * FROM public.contacts pc JOIN contacts c ON c.id = pc.parent_id WHERE pc.tenant_id = $1;

-- case: names/other-schema-pinned
-- want: safe
SELECT * FROM audit.events WHERE tenant_id = $1;

-- case: names/other-schema-unpinned
-- want: unpinned events
SELECT * FROM audit.events WHERE kind = $1;

-- case: names/other-schema-alias-unpinned
-- want: unpinned e
SELECT * FROM audit.events e WHERE e.kind = $1;

-- case: names/other-schema-column-by-name
-- want: safe
SELECT * FROM audit.events WHERE events.tenant_id = $1;

-- case: names/other-schema-fully-qualified-column
-- want: safe
SELECT * FROM audit.events WHERE audit.events.tenant_id = $1;

-- case: names/other-schema-joined
-- want: safe
SELECT e.* FROM audit.events e JOIN contacts c ON c.id = (e.payload ->> 'contact_id')::bigint AND c.tenant_id = e.tenant_id WHERE e.tenant_id = $1;

-- case: names/quoted-table-and-column
-- want: safe
SELECT * FROM "contacts" WHERE "tenant_id" = $1;

-- case: names/quoted-qualified-column
-- want: safe
SELECT * FROM "contacts" WHERE "contacts"."tenant_id" = $1;

-- case: names/quoted-schema
-- want: safe
SELECT * FROM "public"."contacts" WHERE tenant_id = $1;

-- case: names/quoted-unpinned
-- want: unpinned contacts
SELECT * FROM "contacts" WHERE "id" = $1;

-- case: names/quoted-column-unquoted-alias
-- want: safe
SELECT * FROM contacts c WHERE c."tenant_id" = $1;

-- case: names/mixed-case-quoted-table
-- want: safe
SELECT * FROM "Invoices" WHERE tenant_id = $1;

-- case: names/mixed-case-quoted-table-unpinned
-- want: unpinned Invoices
SELECT * FROM "Invoices" WHERE total > $1;

-- case: names/mixed-case-quoted-table-alias
-- want: safe
SELECT i.* FROM "Invoices" i WHERE i.tenant_id = $1;

-- case: names/mixed-case-quoted-qualified-column
-- want: safe
SELECT * FROM "Invoices" WHERE "Invoices".tenant_id = $1;

-- case: names/mixed-case-quoted-update-unpinned
-- want: unpinned Invoices
UPDATE "Invoices" SET total = $2 WHERE id = $1;

-- case: names/upper-case
-- want: safe
SELECT * FROM CONTACTS WHERE TENANT_ID = $1;

-- case: names/upper-case-unpinned
-- want: unpinned contacts
-- note: unquoted CONTACTS folds to contacts; the reference is the folded name.
SELECT * FROM CONTACTS WHERE ID = $1;

-- case: names/mixed-case-alias
-- want: safe
-- note: the alias C and the qualifier c fold to the same name.
SELECT * FROM Contacts C WHERE c.Tenant_Id = $1;

-- case: names/mixed-case-join-unpinned
-- want: unpinned d
-- note: the alias D folds to d.
SELECT * FROM Contacts C JOIN Deals D ON D.Contact_Id = C.Id WHERE C.Tenant_Id = $1;

-- case: names/lower-case-keywords
-- want: safe
select * from contacts where tenant_id = $1;

-- case: names/alias-named-like-another-table
-- want: safe
SELECT * FROM contacts deals WHERE deals.tenant_id = $1;

-- case: names/alias-named-like-another-table-unpinned
-- want: unpinned contacts
-- note: the reference is the alias, contacts, here an occurrence of the table deals.
SELECT * FROM deals contacts WHERE contacts.id = $1;

-- case: names/only-keyword
-- want: safe
SELECT * FROM ONLY contacts WHERE tenant_id = $1;

-- case: names/comments-and-line-breaks
-- want: safe
SELECT * /* every column */ FROM contacts -- the table
WHERE
  tenant_id = $1 -- pinned
  AND id = $2;

-- ===== utility: bulk statements, what the checker cannot see, EXPLAIN, cursors, DDL, sessions =====

-- case: utility/truncate-table-keyword
-- want: bulk deals
TRUNCATE TABLE deals;

-- case: utility/truncate-global
-- want: safe
TRUNCATE plans;

-- case: utility/truncate-globals
-- want: safe
TRUNCATE plans, countries;

-- case: utility/truncate-global-and-tenant
-- want: bulk notes
TRUNCATE plans, notes;

-- case: utility/truncate-two-tenant-tables
-- want: bulk notes, bulk tasks
TRUNCATE notes, tasks;

-- case: utility/truncate-other-schema
-- want: bulk events
TRUNCATE audit.events;

-- case: utility/truncate-quoted
-- want: bulk Invoices
TRUNCATE "Invoices";

-- case: utility/truncate-only-restart
-- want: bulk tags
TRUNCATE ONLY tags RESTART IDENTITY;

-- case: utility/copy-to
-- want: bulk contacts
COPY contacts TO STDOUT;

-- case: utility/copy-columns-csv
-- want: bulk contacts
COPY contacts (id, email) TO STDOUT WITH (FORMAT csv, HEADER);

-- case: utility/copy-from
-- want: bulk notes
COPY notes (tenant_id, body) FROM STDIN;

-- case: utility/copy-other-schema
-- want: bulk events
COPY audit.events TO STDOUT;

-- case: utility/copy-global-to
-- want: safe
COPY plans TO STDOUT;

-- case: utility/copy-global-from
-- want: safe
COPY countries FROM STDIN WITH (FORMAT csv);

-- case: utility/copy-query-pinned
-- want: safe
-- note: COPY takes no parameters, so the tenant value is a literal constant.
COPY (SELECT * FROM contacts WHERE tenant_id = 42) TO STDOUT;

-- case: utility/copy-query-unpinned
-- want: unpinned contacts
COPY (SELECT * FROM contacts) TO STDOUT;

-- case: utility/copy-query-join-unpinned
-- want: unpinned d
COPY (SELECT c.id, d.id FROM contacts c JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = 42) TO STDOUT WITH (FORMAT csv);

-- case: utility/call
-- want: unverifiable
CALL recalc($1);

-- case: utility/call-literal
-- want: unverifiable
CALL recalc(42);

-- case: utility/do-empty
-- want: unverifiable
DO $$ BEGIN END $$;

-- case: utility/do-body
-- want: unverifiable
DO $$ BEGIN DELETE FROM notes WHERE tenant_id = 42; END $$;

-- case: utility/do-language
-- want: unverifiable
DO LANGUAGE plpgsql $body$ BEGIN PERFORM 1; END $body$;

-- case: utility/execute
-- want: unverifiable
EXECUTE p;

-- case: utility/execute-with-arguments
-- want: unverifiable
EXECUTE q(42);

-- case: utility/explain-safe
-- want: safe
EXPLAIN SELECT * FROM contacts WHERE tenant_id = $1;

-- case: utility/explain-unpinned
-- want: unpinned contacts
EXPLAIN SELECT * FROM contacts WHERE id = $1;

-- case: utility/explain-analyze-delete
-- want: unpinned notes
EXPLAIN ANALYZE DELETE FROM notes WHERE id = $1;

-- case: utility/explain-options-update
-- want: safe
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) UPDATE deals SET stage = $2 WHERE tenant_id = $1;

-- case: utility/explain-insert
-- want: insert-tenant notes
EXPLAIN INSERT INTO notes (body) VALUES ($1);

-- case: utility/explain-global
-- want: safe
EXPLAIN SELECT * FROM plans;

-- case: utility/declare-cursor
-- want: safe
DECLARE c CURSOR FOR SELECT * FROM contacts WHERE tenant_id = $1;

-- case: utility/declare-cursor-unpinned
-- want: unpinned deals
DECLARE c NO SCROLL CURSOR WITH HOLD FOR SELECT * FROM deals WHERE stage = $1;

-- case: utility/declare-cursor-join-unpinned
-- want: unpinned d
DECLARE c CURSOR FOR SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = $1 FOR UPDATE OF c;

-- case: utility/create-index
-- want: safe
CREATE INDEX contacts_tenant_name_idx ON contacts (tenant_id, name);

-- case: utility/alter-table
-- want: safe
ALTER TABLE contacts ADD COLUMN nickname text;

-- case: utility/drop-table-if-exists
-- want: safe
DROP TABLE IF EXISTS old_contacts;

-- case: utility/create-table
-- want: safe
CREATE TABLE imports (id bigint, tenant_id bigint NOT NULL, raw text);

-- case: utility/create-view
-- want: safe
-- note: CREATE VIEW is DDL: it reads no rows. A query on the view is checked when it runs.
CREATE VIEW all_contacts AS SELECT * FROM contacts;

-- case: utility/create-table-as-unpinned
-- want: unpinned contacts
-- note: CREATE TABLE AS runs its query, so the query is checked.
CREATE TABLE contacts_copy AS SELECT * FROM contacts;

-- case: utility/create-table-as-pinned
-- want: safe
CREATE TABLE contacts_42 AS SELECT * FROM contacts WHERE tenant_id = 42;

-- case: utility/create-temp-table-as-placeholder
-- want: safe
CREATE TEMP TABLE tmp_deals AS SELECT * FROM deals WHERE tenant_id = $1;

-- case: utility/create-materialized-view
-- want: unpinned contacts
-- note: a materialized view is filled by running its query, like CREATE TABLE AS, so the query
-- note: is checked. Rejected (sound).
CREATE MATERIALIZED VIEW contact_counts AS SELECT tenant_id, count(*) FROM contacts GROUP BY tenant_id;

-- case: utility/select-into
-- want: safe
SELECT * INTO TEMP tmp_contacts FROM contacts WHERE tenant_id = $1;

-- case: utility/select-into-unpinned
-- want: unpinned contacts
SELECT * INTO TEMP tmp_contacts FROM contacts;

-- case: utility/set
-- want: unverifiable
-- note: SET search_path and SET standard_conforming_strings change which table a later name means
-- note: and how the server lexes literals, on a pooled connection too (docs/checker.md).
SET search_path TO audit, public;

-- case: utility/set-search-path-of-the-policy
-- want: safe
-- note: the policy's own search path: the server then resolves names as the checker does.
SET search_path TO public;

-- case: utility/set-local
-- want: safe
SET LOCAL statement_timeout = '5s';

-- case: utility/set-custom
-- want: safe
SET app.tenant_id = '42';

-- case: utility/show
-- want: safe
SHOW search_path;

-- case: utility/reset
-- want: safe
RESET ALL;

-- case: utility/begin
-- want: safe
BEGIN;

-- case: utility/begin-isolation
-- want: safe
BEGIN ISOLATION LEVEL SERIALIZABLE;

-- case: utility/start-transaction
-- want: safe
START TRANSACTION READ ONLY;

-- case: utility/commit
-- want: safe
COMMIT;

-- case: utility/rollback
-- want: safe
ROLLBACK;

-- case: utility/savepoint
-- want: safe
SAVEPOINT before_import;

-- ===== global: no tenant-scoped occurrence =====

-- case: global/select-1
-- want: safe
SELECT 1;

-- case: global/now
-- want: safe
SELECT now();

-- case: global/placeholder-arithmetic
-- want: safe
SELECT $1::int + 1;

-- case: global/plans-by-id
-- want: safe
SELECT * FROM plans WHERE id = $1;

-- case: global/countries-ordered
-- want: safe
SELECT code, name FROM countries ORDER BY name;

-- case: global/two-globals
-- want: safe
SELECT * FROM plans p CROSS JOIN countries c;

-- case: global/subquery-tenant-unpinned
-- want: unpinned contacts
SELECT * FROM plans WHERE id IN (SELECT plan_id FROM contacts);

-- case: global/subquery-tenant-pinned
-- want: safe
SELECT * FROM plans WHERE id IN (SELECT plan_id FROM contacts WHERE tenant_id = $1);

-- case: global/left-join-tenant-pinned-in-on
-- want: safe
SELECT p.name, count(c.id) FROM plans p LEFT JOIN contacts c ON c.plan_id = p.id AND c.tenant_id = $1 GROUP BY p.name;

-- case: global/scalar-tenant-unpinned
-- want: unpinned c
SELECT p.*, (SELECT count(*) FROM contacts c WHERE c.plan_id = p.id) FROM plans p;

-- case: global/generate-series
-- want: safe
SELECT * FROM generate_series(1, 10) AS g(i);

-- case: global/unnest
-- want: safe
SELECT * FROM unnest($1::text[]) AS u(tag);

-- case: global/unnest-joined-pinned
-- want: safe
SELECT c.* FROM contacts c JOIN unnest($2::bigint[]) AS u(id) ON u.id = c.id WHERE c.tenant_id = $1;

-- case: global/unnest-joined-unpinned
-- want: unpinned c
SELECT c.* FROM unnest($1::bigint[]) AS u(id) JOIN contacts c ON c.id = u.id;

-- case: global/pg-catalog
-- want: safe
SELECT relname FROM pg_catalog.pg_class WHERE relkind = 'r';

-- case: global/pg-class-unqualified
-- want: safe
SELECT relname FROM pg_class;

-- case: global/information-schema
-- want: safe
SELECT table_name FROM information_schema.tables WHERE table_schema = 'public';

-- case: global/values
-- want: safe
VALUES (1, 'a'), (2, 'b');

-- case: global/table-statement
-- want: safe
TABLE plans;

-- case: global/table-statement-tenant
-- want: unpinned contacts
TABLE contacts;

-- case: global/set-config
-- want: safe
SELECT set_config('app.tenant_id', $1, true);

-- case: global/case-expression
-- want: safe
SELECT CASE WHEN $1::int > 0 THEN 'positive' ELSE 'other' END;

-- ===== misc: windows, grouping, ordering, locking, VALUES, jsonb and other query features =====

-- case: misc/window-pinned
-- want: safe
SELECT id, rank() OVER (PARTITION BY tenant_id ORDER BY score DESC) FROM contacts WHERE tenant_id = $1;

-- case: misc/window-unpinned
-- want: unpinned deals
SELECT id, sum(amount) OVER (PARTITION BY tenant_id) FROM deals;

-- case: misc/window-named
-- want: safe
SELECT id, lag(amount) OVER w FROM deals WHERE tenant_id = $1 WINDOW w AS (ORDER BY created_at);

-- case: misc/group-by-having
-- want: safe
SELECT stage, count(*) FROM deals WHERE tenant_id = $1 GROUP BY stage HAVING count(*) > $2;

-- case: misc/having-pin-does-not-count
-- want: unpinned deals
SELECT tenant_id, stage, count(*) FROM deals GROUP BY tenant_id, stage HAVING tenant_id = $1 AND count(*) > 1;

-- case: misc/grouping-sets
-- want: safe
SELECT stage, owner_id, sum(amount) FROM deals WHERE tenant_id = $1 GROUP BY GROUPING SETS ((stage), (owner_id), ());

-- case: misc/order-limit-offset
-- want: safe
SELECT * FROM contacts WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT $2 OFFSET $3;

-- case: misc/fetch-first
-- want: safe
SELECT * FROM contacts WHERE tenant_id = $1 ORDER BY id FETCH FIRST 10 ROWS ONLY;

-- case: misc/keyset-page
-- want: safe
SELECT * FROM contacts WHERE tenant_id = $1 AND (created_at, id) < ($2, $3) ORDER BY created_at DESC, id DESC LIMIT 50;

-- case: misc/limit-subquery-unpinned
-- want: unpinned tasks
SELECT * FROM contacts WHERE tenant_id = $1 LIMIT (SELECT count(*) FROM tasks);

-- case: misc/for-update
-- want: safe
SELECT * FROM deals WHERE tenant_id = $1 AND id = $2 FOR UPDATE;

-- case: misc/for-update-skip-locked
-- want: safe
SELECT * FROM tasks WHERE tenant_id = $1 AND NOT done ORDER BY due LIMIT 10 FOR UPDATE SKIP LOCKED;

-- case: misc/for-update-unpinned
-- want: unpinned tasks
SELECT * FROM tasks WHERE NOT done ORDER BY due LIMIT 1 FOR UPDATE SKIP LOCKED;

-- case: misc/for-share-of
-- want: safe
SELECT * FROM deals d JOIN contacts c ON c.id = d.contact_id AND c.tenant_id = d.tenant_id WHERE d.tenant_id = $1 FOR SHARE OF d;

-- case: misc/distinct
-- want: safe
SELECT DISTINCT country_code FROM contacts WHERE tenant_id = $1;

-- case: misc/distinct-on
-- want: safe
SELECT DISTINCT ON (contact_id) * FROM deals WHERE tenant_id = $1 ORDER BY contact_id, created_at DESC;

-- case: misc/distinct-on-unpinned
-- want: unpinned deals
SELECT DISTINCT ON (contact_id) * FROM deals ORDER BY contact_id, created_at DESC;

-- case: misc/values-joined
-- want: safe
SELECT c.* FROM contacts c JOIN (VALUES (1), (2)) AS v(id) ON v.id = c.id WHERE c.tenant_id = $1;

-- case: misc/values-tenant-column
-- want: safe
-- note: the one-row VALUES list makes v.tenant_id equal $1, so c is pinned to $1
-- note: (docs/checker.md, sound extensions).
SELECT c.* FROM (VALUES ($1::bigint)) AS v(tenant_id) JOIN contacts c ON c.tenant_id = v.tenant_id;

-- case: misc/values-two-rows-tenant-column
-- want: unpinned c
SELECT c.* FROM (VALUES ($1::bigint), ($2::bigint)) AS v(tenant_id) JOIN contacts c ON c.tenant_id = v.tenant_id;

-- case: misc/values-in-subquery
-- want: safe
SELECT * FROM contacts WHERE tenant_id = $1 AND id IN (VALUES (1), (2));

-- case: misc/jsonb-key-exists
-- want: safe
SELECT * FROM contacts WHERE tenant_id = $1 AND tags ? 'vip';

-- case: misc/jsonb-contains-placeholder
-- want: safe
SELECT * FROM contacts WHERE tenant_id = $1 AND tags @> $2;

-- case: misc/jsonb-any-key
-- want: safe
SELECT * FROM contacts WHERE tenant_id = $1 AND tags ?| array['a', 'b'];

-- case: misc/jsonb-all-keys
-- want: safe
SELECT * FROM contacts WHERE tenant_id = $1 AND tags ?& array['a'];

-- case: misc/jsonb-contained-by
-- want: safe
SELECT * FROM contacts WHERE tenant_id = $1 AND tags <@ $2::jsonb;

-- case: misc/jsonb-path-text
-- want: safe
SELECT * FROM contacts WHERE tenant_id = $1 AND tags #>> '{owner,name}' = $2;

-- case: misc/jsonb-unpinned
-- want: unpinned contacts
SELECT * FROM contacts WHERE tags ? 'vip' AND tags @> $1;

-- case: misc/jsonb-tenant-inside-document
-- want: unpinned events
-- note: a tenant id inside a JSON document is not the tenant column.
SELECT * FROM audit.events WHERE (payload ->> 'tenant_id')::bigint = $1;

-- case: misc/array-any-ids
-- want: safe
SELECT * FROM contacts WHERE tenant_id = $1 AND id = ANY($2::bigint[]);

-- case: misc/ilike-concat
-- want: safe
SELECT * FROM contacts WHERE tenant_id = $1 AND name ILIKE $2 || '%';

-- case: misc/tablesample
-- want: safe
SELECT * FROM contacts TABLESAMPLE SYSTEM (10) WHERE tenant_id = $1;

-- case: misc/with-ordinality
-- want: safe
SELECT c.id, e.v, e.n FROM contacts c, jsonb_array_elements(c.tags -> 'x') WITH ORDINALITY AS e(v, n) WHERE c.tenant_id = $1;

-- case: misc/count-interval
-- want: safe
SELECT count(*) FROM deals WHERE tenant_id = $1 AND created_at > now() - interval '30 days';

-- case: misc/coalesce-select-list
-- want: safe
SELECT coalesce(name, email, 'unknown') FROM contacts WHERE tenant_id = $1;

-- case: misc/string-looks-like-pin
-- want: unpinned notes
SELECT * FROM notes WHERE body = 'tenant_id = 1';

-- ===== merge =====

-- case: merge/update-source-pinned-subquery
-- want: safe
MERGE INTO deals d
USING (SELECT id, stage FROM deals WHERE tenant_id = $1) s
ON d.id = s.id AND d.tenant_id = $1
WHEN MATCHED THEN UPDATE SET stage = s.stage;

-- case: merge/delete
-- want: safe
MERGE INTO deals d
USING (SELECT id FROM deals WHERE tenant_id = $1 AND stage = 'lost') s
ON d.id = s.id AND d.tenant_id = $1
WHEN MATCHED THEN DELETE;

-- case: merge/do-nothing
-- want: safe
MERGE INTO deals d
USING (SELECT id, stage FROM deals WHERE tenant_id = $1) s
ON d.id = s.id AND d.tenant_id = $1
WHEN MATCHED THEN DO NOTHING;

-- case: merge/matched-and-not-matched
-- want: safe
MERGE INTO tags t
USING (VALUES ($2::text)) AS v(name)
ON t.tenant_id = $1 AND t.name = v.name
WHEN MATCHED THEN UPDATE SET name = v.name
WHEN NOT MATCHED THEN INSERT (tenant_id, name) VALUES ($1, v.name);

-- case: merge/source-table-unpinned
-- want: safe
-- note: with WHEN MATCHED only, the source rows used are those whose primary key equals a pinned
-- note: target row's: the same rows (docs/contract.md section 6, rule 4).
MERGE INTO deals d
USING deals s
ON d.id = s.id AND d.tenant_id = $1
WHEN MATCHED THEN UPDATE SET stage = s.stage;

-- case: merge/source-pinned-in-on
-- want: unpinned c
-- note: the ON of MERGE pins the target only: WHEN NOT MATCHED reads every source row that the ON
-- note: rejects, other tenants' contacts included, and inserts them.
MERGE INTO deals d
USING contacts c
ON d.contact_id = c.id AND d.tenant_id = $1 AND c.tenant_id = $1
WHEN NOT MATCHED THEN INSERT (tenant_id, contact_id) VALUES ($1, c.id);

-- case: merge/target-unpinned
-- want: safe
-- note: d.id = s.id with id the primary key and s the pinned rows of deals: d's rows are those
-- note: rows (docs/contract.md section 6, rule 4).
MERGE INTO deals d
USING (SELECT id, stage FROM deals WHERE tenant_id = $1) s
ON d.id = s.id
WHEN MATCHED THEN UPDATE SET stage = s.stage;

-- case: merge/target-pinned-in-when-condition
-- want: safe
-- note: the ON pins the target through the primary key equal to the pinned source rows (rule 4).
MERGE INTO deals d
USING (SELECT id, stage FROM deals WHERE tenant_id = $1) s
ON d.id = s.id
WHEN MATCHED AND d.tenant_id = $1 THEN UPDATE SET stage = s.stage;

-- case: merge/insert-without-tenant
-- want: insert-tenant d
MERGE INTO deals d
USING (SELECT id, stage FROM deals WHERE tenant_id = $1) s
ON d.id = s.id AND d.tenant_id = $1
WHEN NOT MATCHED THEN INSERT (stage) VALUES (s.stage);

-- case: merge/insert-pinned-source-column
-- want: safe
-- note: as in INSERT ... SELECT, the inserted tenant column may be a pinned tenant column of the
-- note: source, here s.tenant_id (pinned to $1 via *).
MERGE INTO deals d
USING (SELECT * FROM deals WHERE tenant_id = $1) s
ON d.id = s.id AND d.tenant_id = $1
WHEN NOT MATCHED THEN INSERT (tenant_id, stage) VALUES (s.tenant_id, s.stage);

-- case: merge/insert-other-tenant
-- want: multiple-tenants
MERGE INTO deals d
USING (SELECT id, stage FROM deals WHERE tenant_id = $1) s
ON d.id = s.id AND d.tenant_id = $1
WHEN NOT MATCHED THEN INSERT (tenant_id, stage) VALUES ($2, s.stage);

-- case: merge/update-tenant-write
-- want: tenant-write d
MERGE INTO deals d
USING (SELECT id FROM deals WHERE tenant_id = $1) s
ON d.id = s.id AND d.tenant_id = $1
WHEN MATCHED THEN UPDATE SET tenant_id = $2;

-- case: merge/not-matched-by-source
-- want: unverifiable
-- server: 17
-- note: PostgreSQL 17 syntax (the parser the checker uses). WHEN NOT MATCHED BY SOURCE acts on
-- note: target rows that no source row matches, outside what the ON pins.
MERGE INTO deals d
USING (SELECT id, stage FROM deals WHERE tenant_id = $1) s
ON d.id = s.id AND d.tenant_id = $1
WHEN MATCHED THEN UPDATE SET stage = s.stage
WHEN NOT MATCHED BY SOURCE THEN DELETE;

-- ===== parse: not valid PostgreSQL =====

-- case: parse/keyword-typo
-- want: parse
SELEC * FROM contacts;

-- case: parse/unterminated-string
-- want: parse
SELECT * FROM contacts WHERE name = 'abc;

-- case: parse/unterminated-quoted-identifier
-- want: parse
SELECT * FROM "contacts WHERE tenant_id = $1;

-- case: parse/unterminated-comment
-- want: parse
SELECT * FROM contacts /* WHERE tenant_id = $1;

-- case: parse/unterminated-dollar-quote
-- want: parse
SELECT $$abc FROM contacts;

-- case: parse/unclosed-parenthesis
-- want: parse
SELECT * FROM contacts WHERE tenant_id = $1 AND (name = $2;

-- case: parse/delete-without-from
-- want: parse
DELETE contacts WHERE tenant_id = $1;

-- case: parse/dangling-where
-- want: parse
SELECT * FROM contacts WHERE;

-- case: parse/double-where
-- want: parse
SELECT * FROM contacts WHERE tenant_id = $1 WHERE id = $2;

-- case: parse/insert-without-values
-- want: parse
INSERT INTO notes (tenant_id, body) VALUES;

-- case: parse/reserved-word-as-table
-- want: parse
SELECT * FROM select WHERE tenant_id = $1;

-- case: parse/not-sql
-- want: parse
this is not sql;

-- ===== placeholders: other placeholder styles, normalised to $n before parsing =====

-- case: placeholders/question-pinned
-- want: safe
SELECT * FROM contacts WHERE tenant_id = ? AND id = ?;

-- case: placeholders/question-unpinned
-- want: unpinned contacts
SELECT * FROM contacts WHERE id = ?;

-- case: placeholders/question-two-tables
-- want: multiple-tenants
-- note: every ? is a distinct placeholder, so two tables pinned with ? each use two values; the
-- note: builder and guard, which see the arguments, accept them when the values are equal.
SELECT c.* FROM contacts c JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = ? AND d.tenant_id = ?;

-- case: placeholders/question-join-column
-- want: safe
SELECT c.* FROM contacts c JOIN deals d ON d.contact_id = c.id AND d.tenant_id = c.tenant_id WHERE c.tenant_id = ?;

-- case: placeholders/question-in-string
-- want: safe
SELECT * FROM contacts WHERE tenant_id = ? AND name = 'who?';

-- case: placeholders/question-in-comment
-- want: safe
SELECT * FROM contacts WHERE tenant_id = ? /* really? */ AND id = ?;

-- case: placeholders/question-jsonb-any-key
-- want: safe
SELECT * FROM contacts WHERE tenant_id = ? AND tags ?| array['vip'];

-- case: placeholders/question-jsonb-all-keys
-- want: safe
SELECT * FROM contacts WHERE tags ?& array['vip', 'lead'] AND tenant_id = ?;

-- case: placeholders/question-jsonb-contains
-- want: safe
SELECT * FROM contacts WHERE tenant_id = ? AND tags @> ?;

-- case: placeholders/question-cast
-- want: safe
SELECT * FROM contacts WHERE tenant_id = ?::bigint;

-- case: placeholders/question-in-two
-- want: unpinned contacts
SELECT * FROM contacts WHERE tenant_id IN (?, ?);

-- case: placeholders/question-insert
-- want: safe
INSERT INTO notes (tenant_id, body) VALUES (?, ?);

-- case: placeholders/question-insert-two-rows
-- want: multiple-tenants
-- note: each ? is its own value, so the two rows carry two tenant values.
INSERT INTO notes (tenant_id, body) VALUES (?, ?), (?, ?);

-- case: placeholders/question-update
-- want: safe
UPDATE deals SET stage = ? WHERE tenant_id = ? AND id = ?;

-- case: placeholders/colon-pinned
-- want: safe
SELECT * FROM contacts WHERE tenant_id = :tenant AND id = :id;

-- case: placeholders/colon-unpinned
-- want: unpinned contacts
SELECT * FROM contacts WHERE email = :email;

-- case: placeholders/colon-same-name-twice
-- want: safe
-- note: a named placeholder used twice is one value.
SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = :tenant AND d.tenant_id = :tenant;

-- case: placeholders/colon-two-names
-- want: multiple-tenants
SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = :tenant AND d.tenant_id = :other;

-- case: placeholders/colon-with-double-colon-cast
-- want: safe
SELECT * FROM deals WHERE tenant_id = CAST(:tenant AS bigint) AND created_at::date = :day;

-- case: placeholders/colon-in-string
-- want: safe
SELECT * FROM notes WHERE tenant_id = :tenant AND body LIKE 'todo:%';

-- case: placeholders/colon-insert
-- want: safe
INSERT INTO notes (tenant_id, body) VALUES (:tenant, :body);

-- case: placeholders/at-pinned
-- want: safe
SELECT * FROM contacts WHERE tenant_id = @tenant_id AND id = @id;

-- case: placeholders/at-unpinned
-- want: unpinned contacts
SELECT * FROM contacts WHERE id = @id;

-- case: placeholders/at-jsonb-contains
-- want: safe
SELECT * FROM contacts WHERE tenant_id = @tenant_id AND tags @> @filter;

-- case: placeholders/at-jsonb-contained-by
-- want: safe
SELECT * FROM contacts WHERE tags <@ @filter AND tenant_id = @tenant_id;

-- case: placeholders/at-update
-- want: safe
UPDATE deals SET stage = @stage WHERE tenant_id = @tenant_id AND id = @id;

-- case: placeholders/at-two-names
-- want: multiple-tenants
SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = @tenant_id AND d.tenant_id = @tenant;

-- case: placeholders/at-upsert
-- want: upsert-conflict contacts
INSERT INTO contacts (tenant_id, email, name) VALUES (@tenant_id, @email, @name) ON CONFLICT (email) DO UPDATE SET name = excluded.name;

-- case: placeholders/sqlc-arg-pinned
-- want: safe
SELECT * FROM contacts WHERE tenant_id = sqlc.arg(tenant_id) AND id = sqlc.arg(id);

-- case: placeholders/sqlc-arg-unpinned
-- want: unpinned contacts
SELECT * FROM contacts WHERE id = sqlc.arg(id);

-- case: placeholders/sqlc-narg-filter
-- want: safe
SELECT * FROM contacts WHERE tenant_id = sqlc.arg(tenant_id) AND (sqlc.narg(name)::text IS NULL OR name = sqlc.narg(name));

-- case: placeholders/sqlc-narg-tenant
-- want: safe
-- note: sqlc.narg is a placeholder that may be NULL; NULL matches no row, so it still pins.
SELECT * FROM contacts WHERE tenant_id = sqlc.narg(tenant_id);

-- case: placeholders/sqlc-slice-tenant
-- want: unpinned contacts
-- note: sqlc.slice expands to a list of values, never one value.
SELECT * FROM contacts WHERE tenant_id IN (sqlc.slice(ids));

-- case: placeholders/sqlc-slice-ids
-- want: safe
SELECT * FROM contacts WHERE tenant_id = sqlc.arg(tenant_id) AND id IN (sqlc.slice(ids));

-- case: placeholders/sqlc-insert
-- want: safe
INSERT INTO notes (tenant_id, body) VALUES (sqlc.arg(tenant_id), sqlc.arg(body));

-- case: placeholders/sqlc-delete-unpinned
-- want: unpinned notes
DELETE FROM notes WHERE id = sqlc.arg(id);

-- Found by review: each of these was accepted once and leaked rows on a real server.

-- case: review/join-alias-hides-tables
-- want: unpinned c
-- note: (deals c ...) AS j hides c inside the join, so c.tenant_id in the subquery's WHERE is the
-- note: outer contacts c and the inner deals are not filtered.
SELECT c.name, (SELECT string_agg(j.stage, ',') FROM (deals c CROSS JOIN (VALUES (1)) v(x)) AS j WHERE c.tenant_id = $1) AS leaked
FROM contacts c WHERE c.tenant_id = $1;

-- case: review/on-sees-only-its-join
-- want: multiple-tenants
-- note: an ON clause sees only its own join's inputs: c there is the outer derived table, whose
-- note: tenant_id is the constant 2, not the inner contacts c pinned to $1.
SELECT (SELECT string_agg(d.stage, ',') FROM contacts c, deals d JOIN (VALUES (1)) v(x) ON d.tenant_id = c.tenant_id
        WHERE c.tenant_id = $1) AS leaked
FROM (SELECT 2::bigint AS tenant_id) c;

-- case: review/lateral-sees-items-before
-- want: multiple-tenants
-- note: a LATERAL item sees only the FROM items before it: c inside x is the outer derived c.
SELECT z.* FROM (SELECT 2::bigint AS tenant_id) c,
  LATERAL (SELECT x.* FROM LATERAL (SELECT d.stage FROM deals d WHERE d.tenant_id = c.tenant_id) x,
                           contacts c WHERE c.tenant_id = $1) z;

-- case: review/using-merged-column-first
-- want: unpinned d
-- note: USING (k) puts the merged column k first, so s.p is k, not t.
SELECT d.* FROM (SELECT * FROM (SELECT $1::bigint AS t, 2::bigint AS k) a
                 JOIN (SELECT 2::bigint AS k) b USING (k)) s(p)
JOIN deals d ON d.tenant_id = s.p;

-- case: review/composite-star
-- want: unpinned d
-- note: (v).* expands to two columns, so s2.y is v.b.
SELECT d.* FROM (SELECT (v).*, $1::bigint AS t FROM (SELECT 7 AS a, 2::bigint AS b) v) s2(x, y)
JOIN deals d ON d.tenant_id = s2.y;

-- case: review/composite-star-insert
-- want: insert-tenant notes
INSERT INTO notes (body, tenant_id, author_id) SELECT (s).*, $1 FROM (SELECT 'x'::text AS a, 2::bigint AS b) s;

-- case: review/ordinality-column
-- want: unpinned d
-- note: WITH ORDINALITY adds a column after the aliased ones.
SELECT d.* FROM (SELECT * FROM unnest(ARRAY[5]) WITH ORDINALITY u(a), (SELECT $1::bigint AS t) s) s2(x, y)
JOIN deals d ON d.tenant_id = s2.y;

-- case: review/setop-positional
-- want: unpinned d
-- note: set operations match columns by position, not name.
SELECT d.* FROM (SELECT $1::bigint AS tenant_id, 0::bigint AS y
                 UNION ALL
                 SELECT u.*, $1::bigint AS tenant_id FROM unnest(ARRAY[2::bigint]) u) s
JOIN deals d ON d.tenant_id = s.tenant_id;

-- case: review/cast-bit
-- want: unpinned contacts
-- note: $1::bit(3)::bigint is $1 mod 8: a cast may change the value.
SELECT * FROM contacts WHERE tenant_id = $1::bit(3)::bigint;

-- case: review/cast-bool
-- want: unpinned contacts
SELECT * FROM contacts WHERE tenant_id = $1::int::bool::int;

-- case: review/cast-numeric-typmod
-- want: unpinned contacts
SELECT * FROM contacts WHERE tenant_id = $1::numeric(20,-3);

-- case: review/cast-float
-- want: unpinned contacts
SELECT * FROM contacts WHERE tenant_id = $1::float4;

-- case: review/cast-varchar-length
-- want: unpinned contacts
SELECT * FROM contacts WHERE email = $2 AND tenant_id::text = $1::varchar(3);

-- case: review/cast-kept
-- want: safe
SELECT * FROM contacts WHERE tenant_id = CAST($1 AS bigint) AND id = $2::int8;

-- case: review/insert-cast-bit
-- want: insert-tenant notes
INSERT INTO notes (tenant_id, body) VALUES ($1::bit(3)::bigint, 'x');

-- case: review/merge-insert-source-column
-- want: insert-tenant d
-- note: in WHEN NOT MATCHED THEN INSERT the target is out of scope: tenant_id is the source's.
MERGE INTO deals d
USING (SELECT v.tenant_id::bigint FROM (VALUES (2)) v(tenant_id)) s
ON d.tenant_id = $1 AND d.id = 0
WHEN NOT MATCHED THEN INSERT (tenant_id, stage) VALUES (tenant_id, 'merged');

-- case: review/tablesample-subquery
-- want: unpinned deals
-- note: TABLESAMPLE arguments may hold subqueries: an oracle on other tenants' rows.
SELECT c.name FROM contacts c
TABLESAMPLE bernoulli((SELECT CASE WHEN EXISTS (SELECT 1 FROM deals WHERE amount > 500) THEN 100 ELSE 0 END))
WHERE c.tenant_id = $1;

-- case: review/query-to-xml
-- want: unverifiable
SELECT query_to_xml('SELECT name, email FROM contacts', true, false, '');

-- case: review/table-to-xml
-- want: unverifiable
SELECT pg_catalog.table_to_xml('contacts', true, false, '');

-- case: review/ts-stat
-- want: unverifiable
SELECT * FROM ts_stat('SELECT to_tsvector(body) FROM notes');

-- case: review/set-config-search-path
-- want: unverifiable
SELECT set_config('search_path', 'audit', false);

-- case: review/set-config-other
-- want: safe
SELECT set_config('application_name', 'worker', false);

-- case: review/temp-view-shadows-global
-- want: unverifiable
-- note: pg_temp comes first in the search path: the view would stand for "plans" afterwards.
CREATE TEMP VIEW plans AS SELECT name, email, tenant_id FROM contacts;

-- case: review/view-named-like-catalog
-- want: unverifiable
CREATE VIEW pg_leak AS SELECT * FROM contacts;

-- case: review/view-ordinary
-- want: safe
CREATE VIEW active_contacts AS SELECT * FROM contacts WHERE deleted_at IS NULL;

-- case: review/alter-type-using
-- want: bulk contacts
ALTER TABLE contacts ALTER COLUMN name TYPE text USING 'pwned';

-- case: review/alter-type-plain
-- want: safe
ALTER TABLE contacts ALTER COLUMN name TYPE varchar(200);

-- case: review/set-standard-conforming-strings
-- want: unverifiable
SET standard_conforming_strings = off;

-- case: review/pg-stats
-- want: unverifiable
SELECT attname, histogram_bounds::text FROM pg_stats WHERE tablename = 'contacts';

-- case: review/pg-stat-activity
-- want: unverifiable
SELECT query FROM pg_catalog.pg_stat_activity;

-- case: review/pg-class-global
-- want: safe
SELECT relname FROM pg_class WHERE relkind = 'r';

-- case: review/shared-zero-spelled-string
-- want: unpinned notes
-- note: '00' is the shared tenant 0 for a numeric column: shared values are read only.
UPDATE notes SET body = 'x' WHERE tenant_id = '00';

-- case: review/shared-zero-spelled-decimal
-- want: unpinned notes
UPDATE notes SET body = 'x' WHERE tenant_id = 0.0;

-- case: review/in-shared-decimal-read
-- want: safe
SELECT * FROM contacts WHERE tenant_id IN ($1, 0.0);

-- case: review/set-from-nullable-side
-- want: tenant-write d
-- note: x is on the nullable side of a LEFT JOIN: x.tenant_id may be NULL.
UPDATE notes d SET tenant_id = x.tenant_id
FROM contacts c LEFT JOIN tasks x ON x.tenant_id = c.tenant_id AND x.id < 0
WHERE d.tenant_id = $1 AND c.tenant_id = $1;

-- case: review/insert-rollup-null
-- want: insert-tenant tags
-- note: ROLLUP outputs a row with the grouped column NULL.
INSERT INTO tags (tenant_id, name) SELECT c.tenant_id, count(*)::text FROM contacts c WHERE c.tenant_id = $1 GROUP BY ROLLUP (c.tenant_id);

-- case: review/row-in-one-row
-- want: safe
DELETE FROM contact_tags WHERE (tenant_id, contact_id) IN (($1, $2));

-- case: review/row-in-two-rows
-- want: unpinned contact_tags
DELETE FROM contact_tags WHERE (tenant_id, contact_id) IN (($1, $2), ($3, $4));

-- case: review/join-alias-column-unresolved
-- want: unpinned c, unpinned d
-- note: j.tenant_id is the merged USING column through the join alias; the checker does not model
-- note: join aliases' columns yet and rejects (sound).
SELECT j.name FROM (contacts c JOIN deals d USING (tenant_id)) AS j WHERE j.tenant_id = $1;

-- Found by the second review.

-- case: review/alias-column-list-renames-tenant
-- want: unpinned d
-- note: d(deal_id, deal_tenant) renames id and tenant_id: the unqualified tenant_id is the outer c's.
SELECT c.name, (SELECT string_agg(d.stage, ',') FROM deals d(deal_id, deal_tenant) WHERE tenant_id = $1) AS leaked
FROM contacts c WHERE c.tenant_id = $1;

-- case: review/alias-column-list-shifts-tenant
-- want: unpinned d
SELECT * FROM deals d(i, t, c, o, s, tenant_id) WHERE d.tenant_id = $1;

-- case: review/alias-column-list-renamed-pin
-- want: safe
SELECT * FROM deals d(deal_id, deal_tenant) WHERE d.deal_tenant = $1;

-- case: review/unaliased-function-name
-- want: unpinned d
-- note: an unaliased function's columns are qualified by the function's name, here the inner one.
SELECT (SELECT string_agg(d.stage, ',') FROM deals d, unnest(ARRAY[2::bigint]) WHERE d.tenant_id = unnest.unnest)
FROM (SELECT $1::bigint AS unnest) unnest;

-- case: review/xmltable-alias
-- want: unpinned d
SELECT (SELECT string_agg(d.stage, ',') FROM deals d,
               XMLTABLE('/r' PASSING ('<r><t>2</t></r>'::xml) COLUMNS t bigint PATH 't') AS x
         WHERE d.tenant_id = x.t)
FROM (SELECT $1::bigint AS t) x;

-- case: review/join-using-alias
-- want: unpinned d, unpinned d2
SELECT (SELECT string_agg(d.stage, ',') FROM deals d JOIN deals d2 USING (tenant_id, id) AS j WHERE d.tenant_id = j.tenant_id)
FROM (SELECT $1::bigint AS tenant_id) j;

-- case: review/unknown-column-binds-inner
-- want: unpinned d
-- note: author_id is notes.author_id (schema), set by the tenant: not the outer pinned value.
SELECT (SELECT string_agg(d.stage, ',') FROM notes n, deals d WHERE n.tenant_id = $1 AND d.tenant_id = author_id)
FROM (SELECT $1::bigint AS author_id) o;

-- case: review/nullif-column-name
-- want: unpinned d
SELECT (SELECT string_agg(d.stage, ',') FROM deals d, (SELECT NULLIF(2::bigint, 0)) s WHERE d.tenant_id = nullif)
FROM (SELECT $1::bigint AS nullif) o;

-- case: review/insert-subscript-subquery
-- want: unpinned contacts
INSERT INTO contacts (id, tenant_id, email, tags[(SELECT string_agg(name, ',') FROM contacts)])
VALUES (100, $1, 'x@t1', '1');

-- case: review/recursive-union-limit
-- want: unpinned deals
WITH RECURSIVE x AS (SELECT n FROM generate_series(1, 100000) n UNION SELECT 0
                     LIMIT (SELECT sum(amount)::int FROM deals))
SELECT count(*) FROM x;

-- case: review/values-limit-subquery
-- want: unpinned deals
SELECT count(*) FROM (VALUES (1), (2), (3) LIMIT (SELECT count(*) FROM deals)) v;

-- case: review/insert-values-limit-subquery
-- want: unpinned deals
INSERT INTO notes (tenant_id, body) VALUES ($1::bigint, 'x') LIMIT (SELECT count(*) FROM deals WHERE amount > 500);

-- case: review/temp-view-shadows-tenant-table
-- want: unverifiable
CREATE TEMP VIEW contacts AS SELECT id, 1::bigint AS tenant_id, name, email FROM public.contacts;

-- case: review/select-into-temp-global-name
-- want: unverifiable
SELECT name, email INTO TEMP plans FROM contacts WHERE tenant_id = $1;

-- case: review/create-schema-authorization
-- want: unverifiable, unverifiable
CREATE SCHEMA AUTHORIZATION CURRENT_ROLE CREATE VIEW pg_plans AS SELECT name, email FROM public.contacts;

-- case: review/fractional-tenant-insert
-- want: insert-tenant notes
-- note: 0.4 rounds to 0 in an integer column: an unquoted non-integral number is no tenant value.
INSERT INTO notes (tenant_id, body) VALUES (0.4, 'x');

-- case: review/pg-stat-get-activity
-- want: unverifiable
SELECT query FROM pg_stat_get_activity(NULL);

-- case: review/identifier-ending-in-e-before-quote
-- want: safe
-- note: LIKE'\' is LIKE followed by a plain string: no E-string starts there.
SELECT * FROM contacts WHERE tenant_id = $1 AND name LIKE'\';

-- Found by the third review.

-- case: review/cycle-clause-columns
-- want: unpinned d
-- note: CYCLE ... SET t ... USING p adds columns t and p to the CTE's rows: s.b is t, not $1.
SELECT d.stage, d.amount
FROM (WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x WHERE n < 1)
        CYCLE n SET t TO 5 DEFAULT 2 USING p SELECT *, $1 AS v FROM x) s(a, b)
JOIN deals d ON d.tenant_id = s.b;

-- case: review/cycle-clause-insert
-- want: insert-tenant notes
INSERT INTO notes (tenant_id, body)
SELECT s.b, 'planted'
FROM (WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x WHERE n < 1)
        CYCLE n SET t TO 5 DEFAULT 2 USING p SELECT *, $1 AS v FROM x) s(a, b);

-- case: review/schema-qualified-qualifier
-- want: unpinned deals
-- note: public.deals.tenant_id names the inner unqualified deals too: the inner WHERE compares
-- note: deals with itself.
SELECT (SELECT string_agg(stage, ',') FROM deals WHERE deals.tenant_id = public.deals.tenant_id)
FROM public.deals WHERE public.deals.tenant_id = $1;

-- case: review/recursive-later-sibling-cte
-- want: unpinned d
-- note: in WITH RECURSIVE every CTE of the list is in scope in every body: plans is the CTE.
SELECT z.* FROM (SELECT $1::bigint AS foo) o,
  LATERAL (WITH RECURSIVE x AS (SELECT d.stage, d.amount FROM deals d, plans WHERE d.tenant_id = foo),
                          plans AS (SELECT 2::bigint AS foo)
           SELECT * FROM x) z;

-- case: review/case-else-column-name
-- want: unpinned d
SELECT (SELECT string_agg(d.stage, ',') FROM deals d, (SELECT CASE WHEN false THEN 0 ELSE s.t END FROM (SELECT 2::bigint AS t) s) x
         WHERE d.tenant_id = t)
FROM (SELECT $1::bigint AS t) o;

-- case: review/indirection-column-name
-- want: unpinned d
SELECT (SELECT string_agg(d.stage, ',') FROM deals d, (SELECT (s).t[1] FROM (SELECT ARRAY[2::bigint] AS t) s) x
         WHERE d.tenant_id = t)
FROM (SELECT $1::bigint AS t) o;

-- case: review/cast-of-case-column-name
-- want: unpinned d
SELECT (SELECT string_agg(d.stage, ',') FROM deals d, (SELECT CASE WHEN false THEN 0 ELSE 2 END::bigint FROM (SELECT 2::bigint AS t) s) x
         WHERE d.tenant_id = int8)
FROM (SELECT $1::bigint AS int8) o;

-- case: review/system-column
-- want: unpinned d
-- note: tableoid is d's system column, not the outer value.
SELECT (SELECT string_agg(d.stage, ',') FROM deals d WHERE d.tenant_id = tableoid)
FROM (SELECT $1::bigint AS tableoid) o;

-- case: review/alter-role-set-standard-conforming-strings
-- want: unverifiable
ALTER ROLE CURRENT_USER SET standard_conforming_strings = off;

-- case: review/alter-database-set-search-path
-- want: unverifiable
ALTER DATABASE postgres SET search_path = evil, public;

-- case: review/view-in-other-schema-shadows
-- want: unverifiable
CREATE VIEW audit.plans AS SELECT name, email FROM public.contacts;

-- case: review/star-from-nullable-derived
-- want: insert-tenant notes
INSERT INTO notes (tenant_id, body) SELECT s.*, 'x' FROM contacts c LEFT JOIN (SELECT $1::bigint AS t) s ON false WHERE c.tenant_id = $1;

-- case: review/quoted-literals-compare-as-written
-- want: multiple-tenants
-- note: '7' and '07' are one value for a numeric column but two tenants of a text column.
SELECT * FROM contacts a, deals b WHERE a.tenant_id = '7' AND b.tenant_id = '07';

-- ===== settings that change how the server reads later statements =====

-- case: settings/client-encoding
-- want: unverifiable
-- note: in SJIS, BIG5, GBK and GB18030 a multibyte character can end in a backslash byte.
SET client_encoding = 'SJIS';

-- case: settings/names
-- want: unverifiable
SET NAMES 'BIG5';

-- case: settings/client-encoding-utf8
-- want: safe
SET client_encoding TO 'UTF8';

-- case: settings/standard-conforming-strings-on
-- want: safe
SET standard_conforming_strings = on;

-- case: settings/standard-conforming-strings-default
-- want: safe
SET standard_conforming_strings TO DEFAULT;

-- case: settings/backslash-quote-on
-- want: unverifiable
SET backslash_quote = on;

-- case: settings/set-schema
-- want: unverifiable
-- note: SET SCHEMA is SET search_path.
SET SCHEMA 'audit';

-- case: settings/role
-- want: unverifiable
-- note: the role names the "$user" schema of the default search path.
SET ROLE postgres;

-- case: settings/session-authorization
-- want: unverifiable
SET SESSION AUTHORIZATION postgres;

-- case: settings/reset-role
-- want: safe
RESET ROLE;

-- case: settings/session-replication-role
-- want: unverifiable
-- note: replica turns off triggers and foreign keys.
SET session_replication_role = replica;

-- case: settings/set-config-client-encoding
-- want: unverifiable
SELECT set_config('client_encoding', 'SJIS', false);

-- case: settings/set-config-named-at-run-time
-- want: unverifiable
SELECT set_config($1, 'off', false);

-- case: settings/set-config-value-at-run-time
-- want: unverifiable
SELECT set_config('standard_conforming_strings', $1, false);

-- case: settings/set-config-policy-search-path
-- want: safe
SELECT set_config('search_path', 'public', true);

-- case: settings/set-config-tenant
-- want: unverifiable
-- note: the parameter row-level security reads the tenant from: tenantq's runtime sets it
-- note: before each statement; a statement that sets it chooses its own tenant.
SELECT set_config('tenantq.tenant', '2', true);

-- case: settings/set-tenant
-- want: unverifiable
SET LOCAL tenantq.tenant = '2';

-- case: settings/set-config-tenant-in-a-query
-- want: unverifiable
SELECT c.name FROM contacts c, set_config('tenantq.tenant', $2, true) s WHERE c.tenant_id = $1;

-- case: settings/set-config-other-custom-parameter
-- want: safe
-- note: a custom parameter of the application's own changes nothing the checker reads.
SELECT set_config('app.request_id', $1, true);

-- case: settings/update-pg-settings
-- want: unverifiable
UPDATE pg_settings SET setting = 'off' WHERE name = 'standard_conforming_strings';

-- case: settings/update-pg-settings-any-setting
-- want: unverifiable
-- note: the setting's name could be computed, so every write to pg_settings is refused.
UPDATE pg_catalog.pg_settings SET setting = $1 WHERE name = $2;

-- case: settings/update-pg-settings-in-cte
-- want: unverifiable
WITH s AS (UPDATE pg_settings SET setting = 'off' WHERE name = 'standard_conforming_strings') SELECT 1;

-- case: settings/alter-role-client-encoding
-- want: unverifiable
ALTER ROLE CURRENT_USER SET client_encoding = 'GBK';

-- case: settings/alter-system-backslash-quote
-- want: unverifiable
ALTER SYSTEM SET backslash_quote = on;

-- ===== functions that run SQL text or read a relation by name =====

-- case: functions/table-to-xml
-- want: unverifiable
SELECT table_to_xml('contacts', true, false, '');

-- case: functions/schema-to-xml
-- want: unverifiable
SELECT schema_to_xml('public', true, false, '');

-- case: functions/table-to-xmlschema
-- want: safe
-- note: the XML schema of a table: its columns, no rows.
SELECT table_to_xmlschema('contacts', true, false, '');

-- case: functions/ts-stat
-- want: unverifiable
SELECT * FROM ts_stat('SELECT to_tsvector(name) FROM contacts');

-- case: functions/cursor-to-xml
-- want: unverifiable
SELECT cursor_to_xml('c', 10, true, false, '');

-- case: functions/pg-catalog-qualified
-- want: unverifiable
SELECT pg_catalog.query_to_xml('SELECT * FROM contacts', true, false, '');

-- case: functions/relation-size
-- want: safe
-- note: sizes and sequences read no row.
SELECT pg_total_relation_size('contacts'), nextval('contacts_id_seq');

-- case: functions/query-text-argument
-- want: unverifiable
-- note: any function given a constant that parses as a query is refused, since it may run it.
SELECT length(format('SELECT * FROM contacts WHERE id = %s', $1));

-- case: functions/text-that-is-no-query
-- want: safe
SELECT length('select a plan') FROM plans;

-- ===== relations that come to shadow a known table =====

-- case: shadow/create-schema-element
-- want: unverifiable
-- note: a CREATE SCHEMA element is created in the new schema, which may come first ("$user").
CREATE SCHEMA postgres CREATE VIEW plans AS SELECT id, name FROM contacts;

-- case: shadow/create-schema-element-other-name
-- want: safe
CREATE SCHEMA reports CREATE VIEW monthly AS SELECT 1 AS n;

-- case: shadow/rename-unqualified
-- want: unverifiable
-- note: unqualified, the relation may be a temporary one, which comes first in the search path.
ALTER VIEW leaky RENAME TO plans;

-- case: shadow/rename-qualified-to-its-schema
-- want: safe
ALTER TABLE public.plans_new RENAME TO plans;

-- case: shadow/rename-into-other-schema
-- want: unverifiable
ALTER VIEW audit.leaky RENAME TO countries;

-- case: shadow/set-schema
-- want: unverifiable
ALTER VIEW audit.plans SET SCHEMA postgres;

-- case: shadow/set-schema-other-name
-- want: safe
ALTER TABLE audit.archive SET SCHEMA reports;

-- case: shadow/rule
-- want: unverifiable
-- note: a rule makes later, checked statements on notes run another statement.
CREATE RULE touch AS ON UPDATE TO notes DO ALSO UPDATE deals SET stage = 'lost';

-- case: shadow/inherit-global
-- want: unverifiable
-- note: reading plans would return every tenant's rows of the child.
ALTER TABLE deals INHERIT plans;

-- case: shadow/create-inherits-global
-- want: unverifiable
CREATE TABLE deal_plans (tenant_id bigint NOT NULL) INHERITS (plans);

-- case: shadow/create-temp-table-other-name
-- want: safe
CREATE TEMP TABLE import_rows (tenant_id bigint, line text);

-- case: shadow/foreign-table
-- want: unverifiable
CREATE FOREIGN TABLE postgres.plans (id bigint, name text) SERVER loopback;

-- case: shadow/import-foreign-schema
-- want: unverifiable
IMPORT FOREIGN SCHEMA public FROM SERVER loopback INTO postgres;

-- ===== cursors declared by another statement =====

-- case: cursors/fetch
-- want: unverifiable
-- note: a WITH HOLD cursor declared for one tenant outlives its transaction on a pooled connection.
FETCH ALL FROM c;

-- case: cursors/move
-- want: unverifiable
MOVE FORWARD 10 IN c;

-- case: cursors/close
-- want: safe
CLOSE c;

-- ===== INSERT ... SELECT aligns by position, whatever PostgreSQL names the columns =====

-- case: insert-select/current-timestamp-first
-- want: safe
INSERT INTO notes (created_at, tenant_id, body) SELECT CURRENT_TIMESTAMP, c.tenant_id, c.name FROM contacts c WHERE c.tenant_id = $1;

-- case: insert-select/current-timestamp-unpinned
-- want: insert-tenant notes, unpinned c
INSERT INTO notes (created_at, tenant_id, body) SELECT CURRENT_TIMESTAMP, c.tenant_id, c.name FROM contacts c;

-- case: insert-select/is-null
-- want: safe
INSERT INTO notes (body, tenant_id) SELECT (c.name IS NULL)::text, $1 FROM contacts c WHERE c.tenant_id = $1;

-- case: insert-select/greatest
-- want: safe
INSERT INTO notes (author_id, tenant_id) SELECT GREATEST(c.owner_id, 0), c.tenant_id FROM contacts c WHERE c.tenant_id = $1;

-- case: insert-select/exists
-- want: safe
INSERT INTO notes (body, tenant_id) SELECT EXISTS (SELECT 1 FROM plans)::text, c.tenant_id FROM contacts c WHERE c.tenant_id = $1;

-- case: insert-select/scalar-subquery
-- want: safe
INSERT INTO notes (author_id, tenant_id) SELECT (SELECT max(id) FROM plans), c.tenant_id FROM contacts c WHERE c.tenant_id = $1;

-- case: insert-select/current-user
-- want: safe
INSERT INTO notes (body, tenant_id) SELECT current_user, c.tenant_id FROM contacts c WHERE c.tenant_id = $1;

-- case: insert-select/collate
-- want: safe
INSERT INTO notes (body, tenant_id) SELECT c.name COLLATE "C", c.tenant_id FROM contacts c WHERE c.tenant_id = $1;

-- case: insert-select/collate-wrong-column
-- want: insert-tenant notes
-- note: the tenant column is fed by the collated name, not by a tenant value.
INSERT INTO notes (tenant_id, body) SELECT c.owner_id, c.name COLLATE "C" FROM contacts c WHERE c.tenant_id = $1;

-- case: insert-select/current-date-upsert
-- want: safe
-- note: the conflict target has the tenant column: no false upsert-conflict.
INSERT INTO contacts (tenant_id, email, name) SELECT c.tenant_id, CURRENT_DATE::text, c.name FROM contacts c WHERE c.tenant_id = $1 ON CONFLICT (tenant_id, email) DO UPDATE SET name = excluded.name;

-- case: insert-select/current-date-upsert-no-tenant-target
-- want: upsert-conflict contacts
INSERT INTO contacts (tenant_id, email, name) SELECT c.tenant_id, CURRENT_DATE::text, c.name FROM contacts c WHERE c.tenant_id = $1 ON CONFLICT (email) DO UPDATE SET name = excluded.name;

-- ===== hints: each shape of clause a hint's predicate goes to, so that every hint is applied and prepared =====

-- case: hints/no-where-before-order-limit-lock
-- want: unpinned deals
SELECT * FROM deals ORDER BY id LIMIT 10 FOR UPDATE;

-- case: hints/no-where-in-union-arm
-- want: unpinned notes
SELECT id FROM deals WHERE tenant_id = $1 UNION SELECT id FROM notes ORDER BY 1;

-- case: hints/no-where-before-on-conflict
-- want: unpinned d
INSERT INTO notes (tenant_id, body) SELECT $1, d.stage FROM deals d ON CONFLICT DO NOTHING;

-- case: hints/no-where-before-returning
-- want: unpinned deals
UPDATE deals SET stage = 'won' RETURNING id;

-- case: hints/no-where-before-window
-- want: unpinned deals
SELECT stage, count(*) OVER w FROM deals WINDOW w AS (PARTITION BY stage);

-- case: hints/no-where-before-fetch
-- want: unpinned deals
SELECT * FROM deals ORDER BY id OFFSET 5 ROWS FETCH FIRST 10 ROWS ONLY;

-- case: hints/no-where-after-within-group
-- want: unpinned deals
-- note: WITHIN GROUP (ORDER BY ...) is part of the select list, not a clause of the query.
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FROM deals;

-- case: hints/where-with-time-zone
-- want: unpinned deals
-- note: "with time zone" is part of the type: the predicate goes after it.
SELECT * FROM deals WHERE created_at > $1::timestamp with time zone;

-- case: hints/where-or-with-case
-- want: unpinned deals
SELECT * FROM deals WHERE CASE WHEN stage = 'won' THEN true ELSE false END OR tenant_id = $1;

-- case: hints/where-before-group-by-with-comment
-- want: unpinned deals
SELECT stage, count(*) FROM deals WHERE amount > $1 /* large ones */ GROUP BY stage HAVING count(*) > 1;

-- case: hints/join-on-before-left-join
-- want: unpinned d
SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id LEFT JOIN notes n ON n.deal_id = d.id AND n.tenant_id = c.tenant_id WHERE c.tenant_id = $1;

-- case: hints/join-on-with-or
-- want: unpinned d
SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id OR d.owner_id = c.owner_id WHERE c.tenant_id = $1;

-- case: hints/join-on-before-comma
-- want: unpinned d
SELECT * FROM contacts c JOIN deals d ON d.contact_id = c.id, plans p WHERE c.tenant_id = $1 AND p.id = c.plan_id;

-- case: hints/update-from-join-target-pinned-only
-- want: unpinned c, unpinned n
-- note: n's JOIN ON cannot name the target d (invalid reference to FROM-clause entry), and c is
-- note: not pinned: the hint for n equates it with d in WHERE.
UPDATE deals d SET stage = 'won' FROM contacts c JOIN notes n ON n.contact_id = c.id WHERE d.contact_id = c.id AND d.tenant_id = $1;

-- case: hints/delete-using-join-target-pinned-only
-- want: unpinned c, unpinned n
DELETE FROM deals d USING contacts c JOIN notes n ON n.contact_id = c.id WHERE d.contact_id = c.id AND d.tenant_id = $1;

-- case: hints/at-name-next-to-stage
-- want: unpinned deals
SELECT * FROM deals WHERE id = @id AND stage = @stage;

-- case: hints/dollar-next-free
-- want: unpinned deals
SELECT * FROM deals WHERE id = $1 AND stage = $2 AND amount > $3;

-- case: hints/lateral-no-where
-- want: unpinned n
SELECT c.id, x.body FROM contacts c CROSS JOIN LATERAL (SELECT n.body FROM notes n ORDER BY n.id DESC LIMIT 1) x WHERE c.tenant_id = $1;

-- case: hints/exists-subquery-no-where
-- want: unpinned tasks
SELECT * FROM deals d WHERE d.tenant_id = $1 AND EXISTS (SELECT 1 FROM tasks);

-- case: hints/merge-target-before-when
-- want: unpinned d
MERGE INTO deals d USING (SELECT id FROM contacts WHERE tenant_id = $1) s ON d.contact_id = s.id WHEN MATCHED THEN UPDATE SET stage = 'won';

-- case: hints/full-join-side-subquery
-- want: unpinned d
SELECT * FROM contacts c FULL JOIN deals d ON d.contact_id = c.id WHERE c.tenant_id = $1;

-- case: hints/only-table-hidden
-- want: unpinned d
SELECT j.stage FROM (ONLY deals d CROSS JOIN plans p) AS j;

-- case: hints/schema-qualified-unaliased-in-full-join
-- want: unpinned events
SELECT * FROM contacts c FULL JOIN audit.events ON events.id = c.id WHERE c.tenant_id = $1;

-- case: cte/pushdown-limit-blocks
-- want: unpinned deals
-- note: LIMIT picks rows of every tenant before the outer filter: the filter cannot move inside.
WITH x AS (SELECT * FROM deals LIMIT 10) SELECT * FROM x WHERE x.tenant_id = $1;

-- case: cte/pushdown-aggregate-blocks
-- want: unpinned deals
WITH x AS (SELECT tenant_id, count(*) AS n FROM deals GROUP BY tenant_id) SELECT * FROM x WHERE x.tenant_id = $1;

-- case: cte/pushdown-distinct-blocks
-- want: unpinned deals
WITH x AS (SELECT DISTINCT tenant_id, stage FROM deals) SELECT * FROM x WHERE x.tenant_id = $1;

-- case: cte/pushdown-materialized-blocks
-- want: unpinned deals
-- note: MATERIALIZED computes the CTE for every tenant before the filter; PostgreSQL never pushes into it.
WITH x AS MATERIALIZED (SELECT * FROM deals) SELECT * FROM x WHERE x.tenant_id = $1;

-- case: cte/pushdown-every-reference
-- want: unpinned deals
-- note: the second reference reads x unfiltered, so the rows of every tenant reach the output.
WITH x AS (SELECT * FROM deals) SELECT * FROM x a JOIN x b ON b.id = a.id WHERE a.tenant_id = $1;

-- case: cte/pushdown-every-reference-pinned
-- want: safe
WITH x AS (SELECT * FROM deals) SELECT * FROM x a JOIN x b ON b.id = a.id AND b.tenant_id = a.tenant_id WHERE a.tenant_id = $1;

-- case: cte/pushdown-function-blocks
-- want: unpinned deals
-- note: a function in the body may be volatile or return a set: no push-down is assumed.
WITH x AS (SELECT tenant_id, random() AS r FROM deals) SELECT * FROM x WHERE x.tenant_id = $1;

-- case: cte/pushdown-renamed-column
-- want: safe
WITH x AS (SELECT tenant_id AS t, stage FROM deals) SELECT * FROM x WHERE x.t = $1;

-- case: cte/pushdown-expression-blocks
-- want: unpinned deals
WITH x AS (SELECT tenant_id + 0 AS tenant_id, stage FROM deals) SELECT * FROM x WHERE x.tenant_id = $1;

-- case: cte/pushdown-unreferenced
-- want: unpinned deals
WITH x AS (SELECT * FROM deals) SELECT 1;

-- case: subquery/pushdown-join-inside
-- want: unpinned c
-- note: the filter reaches deals through the tenant column the subquery outputs, not contacts,
-- note: whose tenant column it does not output.
SELECT * FROM (SELECT d.tenant_id, c.name FROM deals d JOIN contacts c ON c.id = d.contact_id) s WHERE s.tenant_id = $1;

-- case: subquery/pushdown-or-filter
-- want: unpinned deals
SELECT * FROM (SELECT * FROM deals) d WHERE d.tenant_id = $1 OR d.stage = 'open';

-- case: cte/scope-ends-at-subquery-not-a-key
-- want: unpinned t
-- note: name is unique only with tenant_id: equal names may be another tenant's tags.
SELECT * FROM (WITH tags AS (SELECT * FROM tags WHERE tenant_id = $1) SELECT * FROM tags) a JOIN tags t ON t.name = a.name;

-- case: merge/target-joined-on-a-non-key
-- want: unpinned d
MERGE INTO deals d
USING (SELECT id, stage FROM deals WHERE tenant_id = $1) s
ON d.contact_id = s.id
WHEN MATCHED THEN UPDATE SET stage = s.stage;

-- case: delete/target-pinned-inside-not-exists
-- want: unpinned d
-- note: NOT EXISTS holds for rows of every other tenant: it pins nothing.
DELETE FROM deals d WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.tenant_id = $1 AND d.tenant_id = c.tenant_id);

-- case: subquery/exists-pins-outer-under-or
-- want: unpinned c
SELECT * FROM contacts c WHERE c.id = $2 OR EXISTS (SELECT 1 FROM plans p WHERE p.id = c.plan_id AND c.tenant_id = $1);
