// Package api is the JSON API of the saas example, on net/http's ServeMux:
//
//	GET    /contacts?first=20&after=<cursor>   a page of contacts, newest first
//	POST   /contacts                           {"name": ..., "email": ...}
//	GET    /contacts/{id}
//	GET    /contacts/{id}/deals
//	POST   /contacts/{id}/deals                {"title": ..., "amount_cents": ..., "plan_id": ...}
//	GET    /contacts/{id}/notes
//	POST   /contacts/{id}/notes                {"body": ...}
//	PATCH  /deals/{id}                         {"stage": "won"}
//	DELETE /notes/{id}
//	GET    /reports/stages                     the example's deliberate mistake: always 500
//
// Every request names its tenant in the X-Tenant-ID header. Errors are JSON,
// {"error": "..."}: 401 without a tenant, 400 for bad input or a bad cursor, 404 for a row the
// tenant does not have, 500 for anything else, whose cause is logged and not sent.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/tenantq/tenantq/examples/saas/store"
	"github.com/tenantq/tenantq/tenantq"
)

// TenantHeader is the request header that names the tenant.
const TenantHeader = "X-Tenant-ID"

// maxBody bounds the size of a request body.
const maxBody = 64 << 10

// New returns the API's handler over st. Errors behind a 500 are logged to log.
func New(st *store.Store, log *slog.Logger) http.Handler {
	h := &handler{st: st, log: log}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /contacts", h.listContacts)
	mux.HandleFunc("POST /contacts", h.createContact)
	mux.HandleFunc("GET /contacts/{id}", h.getContact)
	mux.HandleFunc("GET /contacts/{id}/deals", h.listDeals)
	mux.HandleFunc("POST /contacts/{id}/deals", h.createDeal)
	mux.HandleFunc("GET /contacts/{id}/notes", h.listNotes)
	mux.HandleFunc("POST /contacts/{id}/notes", h.addNote)
	mux.HandleFunc("PATCH /deals/{id}", h.updateDeal)
	mux.HandleFunc("DELETE /notes/{id}", h.deleteNote)
	mux.HandleFunc("GET /reports/stages", h.stageReport)
	return h.tenant(mux)
}

type handler struct {
	st  *store.Store
	log *slog.Logger
}

type scopeKey struct{}

// tenant stands in for real authentication, which would take the tenant from a verified
// session or token: it trusts the X-Tenant-ID header. It puts the tenant's scope into the
// request's context for the handlers, and the tenant itself (tenantq.WithTenant) for the
// runtime guard, which checks every statement against it.
func (h *handler) tenant(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := r.Header.Get(TenantHeader)
		if v == "" {
			writeError(w, http.StatusUnauthorized, "missing "+TenantHeader+" header")
			return
		}
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			writeError(w, http.StatusBadRequest, TenantHeader+" must be a positive integer")
			return
		}
		scope, err := h.st.Scope(id)
		if err != nil {
			writeError(w, http.StatusBadRequest, TenantHeader+" does not name a tenant")
			return
		}
		ctx := tenantq.WithTenant(r.Context(), id)
		ctx = context.WithValue(ctx, scopeKey{}, scope)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// scope returns the request's tenant scope, which the tenant middleware put there.
func scope(r *http.Request) tenantq.Scope {
	return r.Context().Value(scopeKey{}).(tenantq.Scope)
}

// contactsPage is the body of GET /contacts.
type contactsPage struct {
	Contacts []store.Contact `json:"contacts"`
	PageInfo pageInfo        `json:"pageInfo"`
}

// pageInfo is cursor.PageInfo with JSON names as Relay spells them.
type pageInfo struct {
	HasNextPage     bool   `json:"hasNextPage"`
	HasPreviousPage bool   `json:"hasPreviousPage"`
	StartCursor     string `json:"startCursor"`
	EndCursor       string `json:"endCursor"`
}

func (h *handler) listContacts(w http.ResponseWriter, r *http.Request) {
	first := 20
	if v := r.URL.Query().Get("first"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			writeError(w, http.StatusBadRequest, "first must be a number")
			return
		}
		first = n
	}
	contacts, info, err := h.st.Contacts(r.Context(), scope(r), first, r.URL.Query().Get("after"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, contactsPage{
		Contacts: append([]store.Contact{}, contacts...), // [] rather than null when empty
		PageInfo: pageInfo(info),
	})
}

func (h *handler) createContact(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name  string `json:"name"`
		Email string `json:"email"`
	}
	if !decode(w, r, &in) {
		return
	}
	c, err := h.st.CreateContact(r.Context(), scope(r), in.Name, in.Email)
	h.reply(w, r, http.StatusCreated, c, err)
}

func (h *handler) getContact(w http.ResponseWriter, r *http.Request) {
	if id, ok := pathID(w, r); ok {
		c, err := h.st.Contact(r.Context(), scope(r), id)
		h.reply(w, r, http.StatusOK, c, err)
	}
}

func (h *handler) listDeals(w http.ResponseWriter, r *http.Request) {
	if id, ok := pathID(w, r); ok {
		deals, err := h.st.Deals(r.Context(), scope(r), id)
		h.reply(w, r, http.StatusOK, map[string]any{"deals": deals}, err)
	}
}

func (h *handler) createDeal(w http.ResponseWriter, r *http.Request) {
	var in store.NewDeal
	if id, ok := pathID(w, r); ok && decode(w, r, &in) {
		d, err := h.st.CreateDeal(r.Context(), scope(r), id, in)
		h.reply(w, r, http.StatusCreated, d, err)
	}
}

func (h *handler) updateDeal(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Stage string `json:"stage"`
	}
	if id, ok := pathID(w, r); ok && decode(w, r, &in) {
		d, err := h.st.SetDealStage(r.Context(), scope(r), id, in.Stage)
		h.reply(w, r, http.StatusOK, d, err)
	}
}

func (h *handler) listNotes(w http.ResponseWriter, r *http.Request) {
	if id, ok := pathID(w, r); ok {
		notes, err := h.st.Notes(r.Context(), scope(r), id)
		h.reply(w, r, http.StatusOK, map[string]any{"notes": notes}, err)
	}
}

func (h *handler) addNote(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Body string `json:"body"`
	}
	if id, ok := pathID(w, r); ok && decode(w, r, &in) {
		n, err := h.st.AddNote(r.Context(), scope(r), id, in.Body)
		h.reply(w, r, http.StatusCreated, n, err)
	}
}

func (h *handler) deleteNote(w http.ResponseWriter, r *http.Request) {
	if id, ok := pathID(w, r); ok {
		if err := h.st.DeleteNote(r.Context(), scope(r), id); err != nil {
			h.fail(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}
}

// stageReport serves store.StageCounts, the example's deliberate mistake: the runtime guard
// refuses its SQL, so it answers 500 (and logs why) until the store builds it with tenantq.
func (h *handler) stageReport(w http.ResponseWriter, r *http.Request) {
	counts, err := h.st.StageCounts(r.Context(), scope(r))
	h.reply(w, r, http.StatusOK, map[string]any{"stages": counts}, err)
}

// reply writes v with status, or the error.
func (h *handler) reply(w http.ResponseWriter, r *http.Request, status int, v any, err error) {
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, status, v)
}

// fail writes err as 404 or 400 when the store says what was wrong, and as a bare 500
// otherwise: the cause, which may quote SQL, goes to the log only.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, err.Error())
	case errors.Is(err, store.ErrInvalid):
		writeError(w, http.StatusBadRequest, err.Error())
	default:
		h.log.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "internal error")
	}
}

// pathID reads the {id} of the path, or writes a 400.
func pathID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		writeError(w, http.StatusBadRequest, "the id in the path must be a positive integer")
		return 0, false
	}
	return id, true
}

// decode reads the JSON body into v, or writes a 400.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, "invalid JSON body: "+err.Error())
		return false
	}
	return true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v) // the client may be gone; nothing to do about it
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
