package tenantq

import (
	"bytes"
	"database/sql/driver"
	"encoding/hex"
	"fmt"
	"reflect"
	"strings"
)

// driverValue returns what a driver sends for v: the value of a [driver.Valuer], asked once
// (bytes copied), or v itself. A typed nil, an error, a NULL or a Valuer that yields another
// Valuer is refused.
func driverValue(v any) (any, error) {
	val, ok := v.(driver.Valuer)
	if !ok {
		return v, nil
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
		return nil, fmt.Errorf("%w: nil %T", ErrBadTenant, v)
	}
	dv, err := val.Value()
	if err != nil {
		return nil, fmt.Errorf("%w: %T: %w", ErrBadTenant, v, err)
	}
	if dv == nil {
		return nil, fmt.Errorf("%w: %T is NULL", ErrBadTenant, v)
	}
	if b, ok := dv.([]byte); ok {
		dv = bytes.Clone(b)
	}
	if _, ok := dv.(driver.Valuer); ok {
		return nil, fmt.Errorf("%w: %T's Value is itself a Valuer", ErrBadTenant, v)
	}
	return dv, nil
}

// canonicalTenant returns the value a driver sends for a tenant, in a form that compares with
// ==: an int64, a string, or a [16]byte UUID. Valuers are resolved first. Anything else, a NULL
// value, a pointer (the value behind it could change after verification), a negative integer,
// a blank string, or an empty or all-zero value, is refused.
func canonicalTenant(v any) (any, error) {
	if v == nil {
		return nil, fmt.Errorf("%w: nil", ErrBadTenant)
	}
	if _, ok := v.(driver.Valuer); ok {
		dv, err := driverValue(v)
		if err != nil {
			return nil, err
		}
		if b, ok := dv.([]byte); ok {
			dv = string(b)
		}
		return canonicalTenant(dv)
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if rv.Int() < 0 {
			return nil, fmt.Errorf("%w: %d is negative; tenant ids are 0 or more", ErrBadTenant, rv.Int())
		}
		return rv.Int(), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if u := rv.Uint(); u <= 1<<63-1 {
			return int64(u), nil
		}
		return nil, fmt.Errorf("%w: %v overflows int64", ErrBadTenant, v)
	case reflect.String:
		if rv.Len() == 0 {
			return nil, fmt.Errorf("%w: empty string", ErrBadTenant)
		}
		if strings.TrimSpace(rv.String()) == "" {
			return nil, fmt.Errorf("%w: %q is blank", ErrBadTenant, rv.String())
		}
		return rv.String(), nil
	case reflect.Array:
		if rv.Len() == 16 && rv.Type().Elem().Kind() == reflect.Uint8 {
			var u [16]byte
			reflect.Copy(reflect.ValueOf(&u).Elem(), rv)
			if u == ([16]byte{}) {
				return nil, fmt.Errorf("%w: the all-zero UUID", ErrBadTenant)
			}
			return u, nil
		}
	case reflect.Slice:
		return nil, fmt.Errorf("%w: %T is a list; a tenant is one value (use a [16]byte for a UUID)", ErrBadTenant, v)
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return nil, fmt.Errorf("%w: nil %T", ErrBadTenant, v)
		}
		return nil, fmt.Errorf("%w: %T is a pointer; pass the value, which cannot change after the scope is made", ErrBadTenant, v)
	}
	return nil, fmt.Errorf("%w: %T is not an integer, a string or a 16-byte UUID", ErrBadTenant, v)
}

// sameTenant reports whether a bound argument sends the scope's tenant. A UUID matches its
// text form, in either case and with or without dashes or braces, whichever side has which.
func sameTenant(arg, key any) bool {
	a, err := canonicalTenant(arg)
	if err != nil {
		return false
	}
	if a == key {
		return true
	}
	ua, okA := uuidOf(a)
	uk, okK := uuidOf(key)
	return okA && okK && ua == uk
}

// uuidOf returns the 16 bytes of a canonical tenant that is a UUID, or a string that spells one.
func uuidOf(v any) ([16]byte, bool) {
	switch x := v.(type) {
	case [16]byte:
		return x, true
	case string:
		s := strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(x, "{"), "}"), "-", "")
		if len(s) != 32 {
			return [16]byte{}, false
		}
		b, err := hex.DecodeString(s)
		if err != nil {
			return [16]byte{}, false
		}
		return [16]byte(b), true
	}
	return [16]byte{}, false
}
