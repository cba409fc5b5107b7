-- name: GetContact :one
SELECT * FROM contacts WHERE tenant_id = sqlc.arg(tenant_id) AND id = sqlc.arg(id);

-- name: ListPlans :many
SELECT * FROM plans;
