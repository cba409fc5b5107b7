package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// callExpr returns the syntax of a call, found by the position of its left parenthesis.
func (r *runner) callExpr(c *ssa.CallCommon) *ast.CallExpr {
	if r.syntax == nil {
		r.syntax = make(map[token.Pos]*ast.CallExpr)
		for _, f := range r.pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					r.syntax[call.Lparen] = call
				}
				return true
			})
		}
	}
	if !c.Pos().IsValid() {
		return nil
	}
	return r.syntax[c.Pos()]
}

// argExpr returns the syntax of the call's argument at SSA index a, or nil.
func (r *runner) argExpr(c *ssa.CallCommon, call *ast.CallExpr, a int) ast.Expr {
	i := a
	if !c.IsInvoke() && c.Signature().Recv() != nil && !r.isMethodExpr(call) {
		i-- // Args starts with the receiver, written before the dot
	}
	if i < 0 || i >= len(call.Args) {
		return nil
	}
	return call.Args[i]
}

// isMethodExpr reports whether call calls a method expression such as (*sql.DB).Query(db, q),
// whose receiver is the first argument.
func (r *runner) isMethodExpr(call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s, ok := r.pass.TypesInfo.Selections[sel]
	return ok && s.Kind() == types.MethodExpr
}

// sqlPos maps byte offset off of the constant text sql, the value of expression e, to a
// position in the source. inline is true when the position lies within e itself (e is a
// literal or a concatenation of literals); otherwise it lies in the declaration of the constant
// e names. ok is false when neither can be found.
func (r *runner) sqlPos(e ast.Expr, sql string, off int) (pos token.Pos, inline, ok bool) {
	if p, ok := r.literalPos(e, sql, off, 0); ok {
		return p, true, true
	}
	id, isIdent := ast.Unparen(e).(*ast.Ident)
	if !isIdent {
		if sel, ok := ast.Unparen(e).(*ast.SelectorExpr); ok {
			id, isIdent = sel.Sel, true
		}
	}
	if !isIdent {
		return token.NoPos, false, false
	}
	obj, isConst := r.pass.TypesInfo.Uses[id].(*types.Const)
	if !isConst || obj.Pkg() != r.pass.Pkg {
		return token.NoPos, false, false
	}
	if v := r.constDecl(obj); v != nil {
		if p, ok := r.literalPos(v, sql, off, 0); ok {
			return p, false, true
		}
		return v.Pos(), false, true
	}
	return token.NoPos, false, false
}

// constDecl finds the expression a constant of this package is declared with.
func (r *runner) constDecl(obj *types.Const) ast.Expr {
	for _, f := range r.pass.Files {
		if f.Pos() > obj.Pos() || obj.Pos() > f.End() {
			continue
		}
		var found ast.Expr
		ast.Inspect(f, func(n ast.Node) bool {
			vs, ok := n.(*ast.ValueSpec)
			if !ok || found != nil {
				return found == nil
			}
			for i, name := range vs.Names {
				if name.Pos() == obj.Pos() && i < len(vs.Values) {
					found = vs.Values[i]
				}
			}
			return false
		})
		return found
	}
	return nil
}

// literalPos maps offset off of sql into e when e is a string literal, or a concatenation of
// literals and constants, whose value is sql. depth bounds the recursion.
func (r *runner) literalPos(e ast.Expr, sql string, off, depth int) (token.Pos, bool) {
	if depth > 64 {
		return token.NoPos, false
	}
	tv, ok := r.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String || constant.StringVal(tv.Value) != sql {
		return token.NoPos, false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		return r.litPos(e, off)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return token.NoPos, false
		}
		left, ok := r.pass.TypesInfo.Types[e.X]
		if !ok || left.Value == nil {
			return token.NoPos, false
		}
		l := constant.StringVal(left.Value)
		if off < len(l) {
			if p, ok := r.literalPos(e.X, l, off, depth+1); ok {
				return p, true
			}
			return e.X.Pos(), true
		}
		if p, ok := r.literalPos(e.Y, sql[len(l):], off-len(l), depth+1); ok {
			return p, true
		}
		return e.Y.Pos(), true
	}
	return token.NoPos, false
}

// litPos maps byte offset off of a string literal's value to its position in the source. It
// reads the literal from the file when it can: the scanner drops the carriage returns of raw
// strings from lit.Value, but positions count them.
func (r *runner) litPos(lit *ast.BasicLit, off int) (token.Pos, bool) {
	src := lit.Value
	if tf := r.pass.Fset.File(lit.Pos()); tf != nil {
		if file := r.source(tf); file != nil {
			start, end := tf.Offset(lit.Pos()), tf.Offset(lit.End())
			if end <= len(file) && start < end {
				src = string(file[start:end])
			}
		}
	}
	if len(src) < 2 {
		return token.NoPos, false
	}
	if src[0] == '`' {
		// Raw strings drop carriage returns.
		n := 0
		for i := 1; i < len(src)-1; i++ {
			if src[i] == '\r' {
				continue
			}
			if n == off {
				return lit.Pos() + token.Pos(i), true
			}
			n++
		}
		return lit.Pos() + token.Pos(len(src)-1), true
	}
	// Interpreted strings: decode escape by escape.
	s := src[1 : len(src)-1]
	n := 0
	for i := 0; len(s) > 0; {
		if n >= off {
			return lit.Pos() + token.Pos(1+i), true
		}
		v, multibyte, tail, err := strconv.UnquoteChar(s, '"')
		if err != nil {
			return token.NoPos, false
		}
		consumed := len(s) - len(tail)
		// The value gains one byte for \xNN and octal escapes, the UTF-8 length otherwise.
		if multibyte || s[0] != '\\' {
			n += len(string(v))
		} else {
			n++
		}
		i += consumed
		s = tail
	}
	return lit.Pos() + token.Pos(len(src)-1), true
}

// localLiteral finds, in the function whose body holds call, the constant string expression
// (a literal or a concatenation of literals) whose value is sql, the last one before the call,
// and maps offset off into it.
func (r *runner) localLiteral(call *ast.CallExpr, sql string, off int) (token.Pos, bool) {
	body := r.enclosingBody(call.Pos())
	if body == nil {
		return token.NoPos, false
	}
	var best ast.Expr
	ast.Inspect(body, func(n ast.Node) bool {
		e, ok := n.(ast.Expr)
		if !ok || e.Pos() >= call.Pos() {
			return true
		}
		switch e.(type) {
		case *ast.BasicLit, *ast.BinaryExpr:
		default:
			return true
		}
		if tv, ok := r.pass.TypesInfo.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String && constant.StringVal(tv.Value) == sql {
			if best == nil || e.Pos() > best.Pos() {
				best = e
			}
			return false // the largest expression with the value: not its parts
		}
		return true
	})
	if best == nil {
		return token.NoPos, false
	}
	return r.literalPos(best, sql, off, 0)
}

// enclosingBody returns the body of the innermost function declaration or literal that
// holds pos.
func (r *runner) enclosingBody(pos token.Pos) *ast.BlockStmt {
	for _, f := range r.pass.Files {
		if pos < f.Pos() || pos > f.End() {
			continue
		}
		var body *ast.BlockStmt
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil || pos < n.Pos() || pos >= n.End() {
				return n == nil
			}
			switch fn := n.(type) {
			case *ast.FuncDecl:
				body = fn.Body
			case *ast.FuncLit:
				body = fn.Body
			}
			return true
		})
		return body
	}
	return nil
}

// prefixPos maps offset off of sql into the constant text that e starts with, when e is not
// constant itself: a concatenation whose first operands are constants, or fmt.Sprintf with a
// constant format, before its first verb. Values spliced into the rest are opaque to it.
func (r *runner) prefixPos(e ast.Expr, sql string, off, depth int) (token.Pos, bool) {
	if depth > 64 {
		return token.NoPos, false
	}
	e = ast.Unparen(e)
	if v, ok := r.stringValue(e); ok {
		if off < len(v) && strings.HasPrefix(sql, v) {
			return r.literalPos(e, v, off, 0)
		}
		return token.NoPos, false
	}
	switch e := e.(type) {
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			return r.prefixPos(e.X, sql, off, depth+1)
		}
	case *ast.CallExpr:
		sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr)
		if !ok || len(e.Args) == 0 {
			return token.NoPos, false
		}
		fn, ok := r.pass.TypesInfo.Uses[sel.Sel].(*types.Func)
		if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "fmt" || fn.Name() != "Sprintf" {
			return token.NoPos, false
		}
		format, ok := r.stringValue(e.Args[0])
		if !ok {
			return token.NoPos, false
		}
		head, _, _ := strings.Cut(format, "%")
		if off < len(head) && strings.HasPrefix(sql, head) {
			return r.literalPos(e.Args[0], format, off, 0)
		}
	}
	return token.NoPos, false
}

// stringValue returns the value of a constant string expression.
func (r *runner) stringValue(e ast.Expr) (string, bool) {
	tv, ok := r.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}
