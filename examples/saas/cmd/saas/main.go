// Command saas serves the saas example's JSON API (package api) over PostgreSQL:
//
//	cd examples && DATABASE_URL=postgres://localhost/saas go run ./saas/cmd/saas
//	curl -H 'X-Tenant-ID: 1' -d '{"name": "Ada"}' localhost:8080/contacts
//
// It applies store/schema.sql when the database has no contacts table. Environment:
//
//	DATABASE_URL    the database; when empty, the libpq variables (PGHOST, PGUSER, ...)
//	ADDR            the address to listen on, default :8080
//	CURSOR_SECRET   at least 32 bytes that sign pagination cursors; when empty, a random
//	                secret is made, and cursors stop working when the server restarts
package main

import (
	"context"
	"crypto/rand"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tenantq/tenantq/cursor"
	"github.com/tenantq/tenantq/examples/saas/api"
	"github.com/tenantq/tenantq/examples/saas/store"
)

func main() {
	if err := run(); err != nil {
		slog.Error("saas", "err", err)
		os.Exit(1)
	}
}

func run() error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	pool, err := pgxpool.New(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		return err
	}
	defer pool.Close()
	keyring, err := cursor.NewKeyring(cursor.SigningKey{ID: "1", Secret: secret()})
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

	addr := os.Getenv("ADDR")
	if addr == "" {
		addr = ":8080"
	}
	srv := &http.Server{
		Addr:              addr,
		Handler:           api.New(st, slog.Default()),
		ReadHeaderTimeout: 5 * time.Second,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	slog.Info("saas: listening", "addr", addr)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// secret returns CURSOR_SECRET, or 32 random bytes when it is unset.
func secret() []byte {
	if s := os.Getenv("CURSOR_SECRET"); s != "" {
		return []byte(s)
	}
	slog.Warn("saas: CURSOR_SECRET is not set; cursors are signed with a random secret and stop working when the server restarts")
	b := make([]byte, 32)
	rand.Read(b)
	return b
}
