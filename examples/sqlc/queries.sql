-- Queries in sqlc's format. tenantvet sql checks each one against the tenancy contract.

-- name: GetContact :one
SELECT * FROM contacts
WHERE tenant_id = sqlc.arg(tenant_id) AND id = sqlc.arg(id);

-- name: ListContactsWithPlan :many
SELECT c.id, c.name, p.name AS plan
FROM contacts c
JOIN plans p ON p.id = c.plan_id
WHERE c.tenant_id = @tenant_id
ORDER BY c.name;

-- name: ListDealsForContact :many
-- The JOIN forgets to pin deals to the contact's tenant: tenantvet reports it.
SELECT d.id, d.stage, d.amount
FROM contacts c
JOIN deals d ON d.contact_id = c.id
WHERE c.tenant_id = @tenant_id AND c.id = @contact_id;

-- name: CreateNote :one
INSERT INTO notes (tenant_id, contact_id, body)
VALUES (@tenant_id, @contact_id, @body)
RETURNING *;

-- name: UpsertContact :exec
INSERT INTO contacts (tenant_id, email, name) VALUES (@tenant_id, @email, @name)
ON CONFLICT (tenant_id, email) DO UPDATE SET name = excluded.name;

-- name: CountContactsAllTenants :one
-- tenantvet:ignore billing report across every tenant, run by the admin job only
SELECT count(*) FROM contacts;
