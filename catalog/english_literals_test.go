package catalog

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// TestEveryMessageHasEnglish: every Chinese format literal that the
// module's code (its non-test Go files) gives a message constructor —
// Errorf, FieldErrorf, Throttled and EnglishOf, and every function that
// passes a parameter of its own on as their format (ingest/extract's
// ourMessage, the command line's say, sayf and sayln, a closure such as
// framework's bad) — has its English in englishMessages, those of the
// command line (cmd/evidence) in cliEnglish, so that a new message
// without English fails here rather than showing Chinese on the English
// pages and in the command line's --lang en.
func TestEveryMessageHasEnglish(t *testing.T) {
	msgs, unread := userMessages(t, "..")
	for _, at := range unread {
		t.Errorf("%s: the format of a message is neither a literal nor a constant this test can read; write it as one, so that its English is checked", at)
	}
	if len(msgs) < 400 {
		t.Fatalf("found %d message literals, fewer than the code holds: is the walk of the module broken?", len(msgs))
	}
	for _, m := range msgs {
		if !hasHan(m.text) {
			continue // nothing to translate: "%s", "%s: %s"
		}
		if m.cli {
			if _, ok := cliEnglish[m.text]; !ok {
				if _, ok := englishMessages[m.text]; !ok {
					t.Errorf("%s: %q has no English: add it to cliEnglish (catalog/cli_english.go)", m.at, m.text)
				}
			}
			continue
		}
		if _, ok := englishMessages[m.text]; !ok {
			t.Errorf("%s: %q has no English: add it to englishMessages (catalog/english.go)", m.at, m.text)
		}
	}
}

// TestMessageLiteralsFound: the walk finds the literals of each kind of
// constructor call, so that the test above cannot pass by finding none.
func TestMessageLiteralsFound(t *testing.T) {
	msgs, _ := userMessages(t, "..")
	for _, want := range []struct{ text, file string }{
		{"检索词不超过 %d 字", "savedsearch/service.go"},                     // catalog.Errorf
		{"请给检索起一个名称", "savedsearch/service.go"},                       // catalog.FieldErrorf
		{"暂不支持该文件格式；%s，请另存为其中一种格式后重新上传", "ingest/extract/extract.go"}, // ourMessage
		{"索引已重建：%d 个文档可检索", "cmd/evidence/"},                          // sayln
		{"编码重复", "framework/framework.go"},                            // a closure, bad
		{"对象存储拒绝访问（访问密钥或权限配置有误），%s；请联系管理员检查 EVIDENCE_S3_ACCESS_KEY 和 EVIDENCE_S3_SECRET_KEY", "blob/s3.go"}, // returned by classify
		{"只有管理员可以把文档移到其他城市", "web/web.go"},                                                                  // a route's denied
		{"部门联系人请在“我的任务”中查看本部门的任务并提交材料", "web/web.go"},                                                       // a hint appended
	} {
		if !slices.ContainsFunc(msgs, func(m message) bool { return m.text == want.text && strings.Contains(m.at, want.file) }) {
			t.Errorf("the walk of the module did not find %q in %s", want.text, want.file)
		}
	}
}

// message is a format literal a message constructor is called with: its
// value, where (file:line), and whether the command line writes it.
type message struct {
	text, at string
	cli      bool
}

// funcKey names a function: its package's folder (from the module's
// root) and its name; a closure's is its file and its variable's name. It
// also names a struct field of a package ({folder, .name}).
type funcKey struct{ scope, name string }

// formatAt is where a constructor takes its format: argument i, and when
// rest is set every argument from i on (a variadic parameter of hints).
type formatAt struct {
	i    int
	rest bool
}

// goFile is one parsed file of the module.
type goFile struct {
	path, dir string
	f         *ast.File
	imports   map[string]string // name in the file → package folder
	funcVars  map[string]bool   // closures(), once found
}

// pkgInfo is what the formats of calls are looked up in: package-level
// string constants, the constants each function returns at each result,
// and those given to each struct field in composite literals.
type pkgInfo struct {
	consts  map[funcKey]string
	returns map[funcKey]map[int][]string
	fields  map[funcKey][]string
}

// userMessages parses the module at root and returns every format literal
// given to a message constructor (Errorf, FieldErrorf, Throttled,
// EnglishOf of this package, and whatever passes its own parameter on as
// their format, found until no more are), and where a format was none
// it could read.
func userMessages(t *testing.T, root string) (msgs []message, unread []string) {
	t.Helper()
	fset := token.NewFileSet()
	files := parseModule(t, fset, root)
	ctors := map[funcKey][]formatAt{
		{"catalog", "Errorf"}: {{i: 1}}, {"catalog", "FieldErrorf"}: {{i: 2}}, {"catalog", "Throttled"}: {{i: 1}}, {"catalog", "EnglishOf"}: {{i: 0}},
	}
	for found := true; found; {
		found = false
		for _, gf := range files {
			for key, ats := range gf.wrappers(ctors) {
				for _, at := range ats {
					if !slices.Contains(ctors[key], at) {
						ctors[key], found = append(ctors[key], at), true
					}
				}
			}
		}
	}
	info := pkgInfo{consts: map[funcKey]string{}, returns: map[funcKey]map[int][]string{}, fields: map[funcKey][]string{}}
	for _, gf := range files {
		gf.addConsts(info.consts)
	}
	for _, gf := range files {
		gf.addReturnsAndFields(info)
	}
	for _, gf := range files {
		gf.eachFunc(func(_ funcKey, typ *ast.FuncType, body *ast.BlockStmt) {
			own := ownFormats(typ, body)
			ast.Inspect(body, func(n ast.Node) bool {
				if _, ok := n.(*ast.FuncLit); ok {
					return false // eachFunc looks at it as a function of its own
				}
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				ats := ctors[gf.callee(call)]
				for i, arg := range call.Args {
					if !slices.ContainsFunc(ats, func(at formatAt) bool { return i == at.i || at.rest && i > at.i }) {
						continue
					}
					pos := fset.Position(arg.Pos()).String()
					if id, ok := arg.(*ast.Ident); ok && own[id.Name] {
						continue // a wrapper's own format, read at its calls
					}
					texts, ok := gf.formats(arg, body, info)
					if !ok {
						unread = append(unread, pos)
					}
					for _, text := range texts {
						msgs = append(msgs, message{text: text, at: pos, cli: gf.dir == "cmd/evidence"})
					}
				}
				return true
			})
		})
	}
	return msgs, unread
}

// parseModule parses the non-test Go files of the module at root.
func parseModule(t *testing.T, fset *token.FileSet, root string) []*goFile {
	t.Helper()
	module := modulePath(t, root)
	var files []*goFile
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		gf := &goFile{path: filepath.ToSlash(rel), dir: filepath.ToSlash(filepath.Dir(rel)), f: f, imports: map[string]string{}}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if !strings.HasPrefix(p, module+"/") {
				continue
			}
			name := p[strings.LastIndex(p, "/")+1:]
			if imp.Name != nil {
				name = imp.Name.Name
			}
			gf.imports[name] = strings.TrimPrefix(p, module+"/")
		}
		files = append(files, gf)
		return nil
	})
	if err != nil {
		t.Fatalf("parse the module's Go files: %v", err)
	}
	return files
}

// modulePath is the module's path from root's go.mod.
func modulePath(t *testing.T, root string) string {
	t.Helper()
	f, err := os.Open(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatalf("find the module's root: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if p, ok := strings.CutPrefix(sc.Text(), "module "); ok {
			return strings.TrimSpace(p)
		}
	}
	t.Fatal("go.mod names no module")
	return ""
}

// callee names the function call calls: a package's function (catalog.
// Errorf, or Errorf within catalog), or a closure of gf; a method or a
// function of another module names none that matters.
func (gf *goFile) callee(call *ast.CallExpr) funcKey {
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		if gf.closures()[fn.Name] {
			return funcKey{gf.path, fn.Name}
		}
		return funcKey{gf.dir, fn.Name}
	case *ast.SelectorExpr:
		if x, ok := fn.X.(*ast.Ident); ok {
			if dir, ok := gf.imports[x.Name]; ok {
				return funcKey{dir, fn.Sel.Name}
			}
		}
	}
	return funcKey{}
}

// closures are the names of gf's function literals held in variables.
func (gf *goFile) closures() map[string]bool {
	if gf.funcVars != nil {
		return gf.funcVars
	}
	gf.funcVars = map[string]bool{}
	gf.eachFunc(func(key funcKey, _ *ast.FuncType, _ *ast.BlockStmt) {
		if key.scope == gf.path {
			gf.funcVars[key.name] = true
		}
	})
	return gf.funcVars
}

// eachFunc calls fn with every function of gf and its name: declared
// functions and methods (a method's name starts with a point, so that no
// call names it), literals held in variables (named by gf's path), and
// other literals (named "").
func (gf *goFile) eachFunc(fn func(key funcKey, typ *ast.FuncType, body *ast.BlockStmt)) {
	named := map[*ast.FuncLit]bool{}
	ast.Inspect(gf.f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Body == nil {
				return true
			}
			name := n.Name.Name
			if n.Recv != nil {
				name = "." + name
			}
			fn(funcKey{gf.dir, name}, n.Type, n.Body)
		case *ast.AssignStmt:
			for i, rhs := range n.Rhs {
				if lit, ok := rhs.(*ast.FuncLit); ok && i < len(n.Lhs) {
					if id, ok := n.Lhs[i].(*ast.Ident); ok {
						named[lit] = true
						fn(funcKey{gf.path, id.Name}, lit.Type, lit.Body)
					}
				}
			}
		case *ast.FuncLit:
			if !named[n] {
				fn(funcKey{}, n.Type, n.Body)
			}
		}
		return true
	})
}

// ownFormats are the names of a function's parameters and of the values
// its body ranges over one of them with (for _, h := range hints).
func ownFormats(typ *ast.FuncType, body *ast.BlockStmt) map[string]bool {
	names := map[string]bool{}
	for _, field := range typ.Params.List {
		for _, name := range field.Names {
			names[name.Name] = true
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		if r, ok := n.(*ast.RangeStmt); ok {
			v, isValue := r.Value.(*ast.Ident)
			x, isIdent := r.X.(*ast.Ident)
			if isValue && isIdent && names[x.Name] {
				names[v.Name] = true
			}
		}
		return true
	})
	return names
}

// wrappers are gf's named functions that pass a parameter of their own
// as the format of a call to one of ctors (or a value ranged over from
// their variadic parameter, as hints), with that parameter's position.
func (gf *goFile) wrappers(ctors map[funcKey][]formatAt) map[funcKey][]formatAt {
	out := map[funcKey][]formatAt{}
	gf.eachFunc(func(key funcKey, typ *ast.FuncType, body *ast.BlockStmt) {
		if key.name == "" || strings.HasPrefix(key.name, ".") {
			return
		}
		var params []string
		for _, field := range typ.Params.List {
			for _, name := range field.Names {
				params = append(params, name.Name)
			}
		}
		variadic := len(typ.Params.List) > 0
		if variadic {
			_, variadic = typ.Params.List[len(typ.Params.List)-1].Type.(*ast.Ellipsis)
		}
		ranged := map[string]string{} // a value ranged over → the parameter
		ast.Inspect(body, func(n ast.Node) bool {
			if r, ok := n.(*ast.RangeStmt); ok {
				if v, ok := r.Value.(*ast.Ident); ok {
					if x, ok := r.X.(*ast.Ident); ok {
						ranged[v.Name] = x.Name
					}
				}
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			for _, at := range ctors[gf.callee(call)] {
				if at.i >= len(call.Args) {
					continue
				}
				id, ok := call.Args[at.i].(*ast.Ident)
				if !ok {
					continue
				}
				if i := slices.Index(params, id.Name); i >= 0 {
					out[key] = append(out[key], formatAt{i: i, rest: at.rest && variadic && i == len(params)-1})
				} else if i := slices.Index(params, ranged[id.Name]); i >= 0 && variadic && i == len(params)-1 {
					out[key] = append(out[key], formatAt{i: i, rest: true})
				}
			}
			return true
		})
	})
	return out
}

// addConsts adds gf's package-level string constants to into, and its
// variables given a string constant (web's route refusals).
func (gf *goFile) addConsts(into map[funcKey]string) {
	for _, decl := range gf.f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST && gd.Tok != token.VAR {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, name := range vs.Names {
				if i < len(vs.Values) {
					if s, ok := gf.constString(vs.Values[i], nil); ok {
						into[funcKey{gf.dir, name.Name}] = s
					}
				}
			}
		}
	}
}

// addReturnsAndFields adds to info the string constants gf's functions
// return (by result) and those its composite literals give struct fields.
func (gf *goFile) addReturnsAndFields(info pkgInfo) {
	for _, decl := range gf.f.Decls {
		fd, ok := decl.(*ast.FuncDecl)
		if !ok || fd.Body == nil || fd.Recv != nil {
			continue
		}
		key := funcKey{gf.dir, fd.Name.Name}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if _, ok := n.(*ast.FuncLit); ok {
				return false
			}
			if ret, ok := n.(*ast.ReturnStmt); ok {
				for i, r := range ret.Results {
					if s, ok := gf.constString(r, info.consts); ok {
						if info.returns[key] == nil {
							info.returns[key] = map[int][]string{}
						}
						info.returns[key][i] = append(info.returns[key][i], s)
					}
				}
			}
			return true
		})
	}
	ast.Inspect(gf.f, func(n ast.Node) bool {
		if kv, ok := n.(*ast.KeyValueExpr); ok {
			if k, ok := kv.Key.(*ast.Ident); ok {
				if s, ok := gf.constString(kv.Value, info.consts); ok {
					info.fields[funcKey{gf.dir, "." + k.Name}] = append(info.fields[funcKey{gf.dir, "." + k.Name}], s)
				}
			}
		}
		return true
	})
}

// formats are the values the format e of a call in body may have: a
// constant; a struct field's (x.denied), as composite literals of the
// package give it; a local variable's, as body assigns it constants, the
// results of a function of the package that returns constants, or
// appends constants to it. ok is false when it can read none.
func (gf *goFile) formats(e ast.Expr, body *ast.BlockStmt, info pkgInfo) (texts []string, ok bool) {
	if s, ok := gf.constString(e, info.consts); ok {
		return []string{s}, true
	}
	switch e := e.(type) {
	case *ast.SelectorExpr:
		if x, isIdent := e.X.(*ast.Ident); isIdent && gf.imports[x.Name] != "" {
			return nil, false
		}
		texts := info.fields[funcKey{gf.dir, "." + e.Sel.Name}]
		return texts, len(texts) > 0
	case *ast.Ident:
		ast.Inspect(body, func(n ast.Node) bool {
			as, isAssign := n.(*ast.AssignStmt)
			if !isAssign {
				return true
			}
			for i, lhs := range as.Lhs {
				if id, isIdent := lhs.(*ast.Ident); !isIdent || id.Name != e.Name {
					continue
				}
				switch {
				case len(as.Rhs) == 1 && len(as.Lhs) > 1:
					if call, isCall := as.Rhs[0].(*ast.CallExpr); isCall {
						texts = append(texts, info.returns[gf.callee(call)][i]...)
					}
				case i < len(as.Rhs):
					texts = append(texts, gf.assigned(as.Rhs[i], info)...)
				}
			}
			return true
		})
		return texts, len(texts) > 0
	}
	return nil, false
}

// assigned are the constants rhs gives a variable: its value, or the
// constants it appends.
func (gf *goFile) assigned(rhs ast.Expr, info pkgInfo) []string {
	if s, ok := gf.constString(rhs, info.consts); ok {
		return []string{s}
	}
	var out []string
	if call, ok := rhs.(*ast.CallExpr); ok {
		if fn, ok := call.Fun.(*ast.Ident); ok && fn.Name == "append" {
			for _, a := range call.Args[1:] {
				if s, ok := gf.constString(a, info.consts); ok {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// constString is the value of e when it is a string constant: a literal,
// literals joined with +, or a package-level constant of consts.
func (gf *goFile) constString(e ast.Expr, consts map[funcKey]string) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.ParenExpr:
		return gf.constString(e.X, consts)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		a, ok := gf.constString(e.X, consts)
		b, ok2 := gf.constString(e.Y, consts)
		return a + b, ok && ok2
	case *ast.Ident:
		s, ok := consts[funcKey{gf.dir, e.Name}]
		return s, ok
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok {
			if dir, ok := gf.imports[x.Name]; ok {
				s, ok := consts[funcKey{dir, e.Sel.Name}]
				return s, ok
			}
		}
	}
	return "", false
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}
