package web

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// eventRow is an audit event as the admin page lists it: what was done
// and what it was about in words, with a link when there is a page for it.
type eventRow struct {
	At     time.Time
	User   string
	Action string // the code, shown on hover
	Did    string
	About  string
	Link   string
	// Detail is what else the event recorded that the admin needs: the
	// address of a sign-in, a user's departments before and after.
	Detail string
}

// eventRows puts the admin page's audit events in words: documents by
// their titles (looked up in one batch), cities, departments and saved
// searches by their names. A document is named by the title its event
// recorded (catalog.EventTitle), followed by today's when it has been
// renamed since (《旧名》（现名《新名》）); an event logged before titles
// were recorded, or while the title was only the file's name, names it
// by today's. A deleted document is named in every row by its last
// title, marked 已删除, with the one the row's event recorded after it
// when that was another (《新名（已删除）》（当时名为《旧名》）): its
// upload, links and deletion read as one document, old events too.
func (h *handler) eventRows(ctx context.Context, l Lang, u *catalog.User, events []catalog.Event, cities map[string]string) []eventRow {
	objects := make([]string, len(events))
	var docs []string
	for i, e := range events {
		obj := objectKey(e.Action, e.Object)
		if id, ok := strings.CutPrefix(obj, "document:"); ok {
			docs = append(docs, id)
		}
		objects[i] = obj
	}
	docNames, err := h.Documents.Names(ctx, u, docs)
	if err != nil {
		h.Logger.Warn("audit log: document titles", "err", err)
	}
	// A carried claim or value logged before its event named its
	// indicator is named by looking it up.
	lookups := slices.Clone(objects)
	for _, e := range events {
		if kind, _ := e.Detail["kind"].(string); strings.HasPrefix(e.Object, "carryover:") && e.Detail["indicator"] == nil && (kind == "claim" || kind == "value") {
			obj, _ := e.Detail["object"].(string)
			lookups = append(lookups, kind+":"+obj)
		}
	}
	named, tasks := h.objectNames(ctx, l, u, lookups, cities)
	rows := make([]eventRow, len(events))
	for i, e := range events {
		row := eventRow{At: e.At, User: actorName(l, e.User), Action: e.Action, Did: actionName(l, e.Action), Detail: eventDetail(l, e)}
		if refusedLogin(e.Action) {
			// The account named is the one tried, not who tried: the
			// log must not show the victim as the actor.
			row.User = tr(l, "event.actor.anonymous")
		}
		if v, ok := e.Detail["verdict"]; ok {
			row.Did += " · " + verdictName(l, v) // 审核数值 · 与证据矛盾: which verdict, not only that one was given
		}
		if e.Action == "claim.quote" || e.Action == "value.quote" {
			// 文字重新读取后复核引文 · 引文已在该页找到: what the new text gave
			page, _ := e.Detail["found_on_page"].(float64)
			switch {
			case e.Detail["quote_found"] == true:
				row.Did += " · " + tr(l, "claim.found")
			case page > 0:
				row.Did += " · " + trf(l, "claim.found_other", int(page))
			default:
				row.Did += " · " + tr(l, "claim.not_found")
			}
			if said := numberMarked(l, e.Detail); said != "" {
				row.Did += " · " + said // · 引文中未找到该数值: the number's mark changed too
			}
		}
		if e.Action == "document.fields" {
			if said := fieldsRead(l, e.Detail); said != "" {
				row.Did += " · " + said // 重新识别文档字段 · 文号 “…”→“…”: what the reading changed
			}
		}
		title, other, otherKey := named[objects[i]], "", ""
		// Only a document no longer there has no page to link to.
		noLink := false
		if id, ok := strings.CutPrefix(objects[i], "document:"); ok {
			then, _ := e.Detail[catalog.EventTitle].(string)
			d, found := docNames[id]
			switch {
			case found && d.Deleted:
				title, noLink = d.Title+tr(l, "event.obj.deleted"), true
				if then != "" && then != d.Title {
					other, otherKey = then, "event.obj.then"
				}
			case found:
				title = cmp.Or(then, d.Title)
				if then != "" && d.Title != then {
					other, otherKey = d.Title, "event.obj.renamed"
				}
			case err == nil:
				// No such row (or not u's to see): what the event says.
				title, noLink = deletedTitle(l, id, e.Detail), true
			default:
				title = then
			}
		}
		if city, _ := e.Detail["city"].(string); e.Action == "assignment.delete" && tasks[objects[i]] == nil {
			// The task is gone; its delete event names what it was.
			dept, _ := e.Detail["department"].(string)
			indicator, _ := e.Detail["indicator"].(string)
			title = fmt.Sprintf("%s %s · %s", cmp.Or(cities[city], city), dept, indicator)
		}
		if t := tasks[objects[i]]; t != nil {
			// The department as the event recorded it: renamed since, the
			// history still says what was true then.
			dept, _ := e.Detail[catalog.EventDepartment].(string)
			title = fmt.Sprintf("%s %s · %s", cmp.Or(cities[t.City], t.City), cmp.Or(dept, t.Department), t.Indicator)
		}
		row.About, row.Link = eventObject(l, objects[i], e.Detail, title, cities)
		if strings.HasPrefix(objects[i], "carryover:") {
			row.About = carriedItem(l, e.Detail, named)
		}
		if other != "" {
			row.About += fmt.Sprintf(tr(l, otherKey), other)
		}
		if noLink {
			row.Link = ""
		}
		rows[i] = row
	}
	return rows
}

// numberMarked is a value.quote event's mark of the number in the passage
// its quote was found in anew when that mark changed (found, not found,
// or written in another unit: 单位不符); "" when it did not, or the
// quote is not on its page (no passage to find a number in).
func numberMarked(l Lang, detail map[string]any) string {
	found, ok := detail["value_found"].(bool)
	if !ok || detail["quote_found"] != true {
		return ""
	}
	unit, _ := detail["passage_unit"].(string)
	from, _ := detail["from"].(map[string]any)
	wasFound, _ := from["value_found"].(bool)
	wasUnit, _ := from["passage_unit"].(string)
	switch {
	case found == wasFound && unit == wasUnit:
		return ""
	case found:
		return tr(l, "values.found")
	case unit != "":
		return trf(l, "event.value.unit", unitName(l, unit))
	}
	return tr(l, "event.value.not_found")
}

// objectNames names the claims, values and assignments among objects
// ("kind:id") in words, each looked up once: their events do not all
// carry what they were about (a review names only its claim or value).
// One that cannot be read (deleted, not u's to see) is left out, and its
// row shows its ID.
func (h *handler) objectNames(ctx context.Context, l Lang, u *catalog.User, objects []string, cities map[string]string) (map[string]string, map[string]*catalog.Assignment) {
	city := func(code string) string { return cmp.Or(cities[code], code) }
	byKind := map[string][]string{}
	for _, obj := range objects {
		if kind, id, ok := strings.Cut(obj, ":"); ok {
			byKind[kind] = append(byKind[kind], id)
		}
	}
	// Claims and values in one query each: a page of events may name a
	// hundred of them.
	claims, err := h.Claims.Visible(ctx, u, byKind["claim"])
	if err != nil {
		h.Logger.Warn("audit log: claims", "err", err)
	}
	vals, err := h.Values.Visible(ctx, u, byKind["value"])
	if err != nil {
		h.Logger.Warn("audit log: values", "err", err)
	}
	names := map[string]string{}
	tasks := map[string]*catalog.Assignment{}
	for _, obj := range objects {
		if _, done := names[obj]; done {
			continue
		}
		kind, id, _ := strings.Cut(obj, ":")
		name := ""
		switch kind {
		case "claim":
			if c := claims[id]; c != nil {
				name = c.Indicator + " “" + strings.TrimSpace(shorten(strings.Join(strings.Fields(catalog.TypedText(c.Statement)), " "), 24)) + "”"
			}
		case "value":
			if v := vals[id]; v != nil {
				name = fmt.Sprintf("%s %d %s %s", city(v.City), v.Round, v.Indicator, v.WrittenIn(l == English))
			}
		case "assignment":
			if t, err := h.Assignments.Get(ctx, u, id); err == nil {
				name, tasks[obj] = fmt.Sprintf("%s %s · %s", city(t.City), t.Department, t.Indicator), &t.Assignment
			}
		default:
			continue
		}
		names[obj] = name
	}
	return names, tasks
}

// refusedLogin reports whether action is a sign-in that was refused: its
// event names the account tried, by whoever tried it.
func refusedLogin(action string) bool {
	return action == "login.fail" || action == "login.throttled" || action == "login.disabled"
}

// eventDetail is what the 详情 column says of e: the address a sign-in
// came from (and the refusals left out since the entry before), the
// departments a user was moved between.
func eventDetail(l Lang, e catalog.Event) string {
	var said []string
	if kind, _, _ := strings.Cut(e.Action, "."); kind == "login" {
		if addr, _ := e.Detail["address"].(string); addr != "" {
			said = append(said, trf(l, "event.detail.address", addr))
		}
		if n := count(e.Detail["refused_since_last"]); n > 0 {
			said = append(said, trf(l, "event.detail.refused", n))
		}
	}
	if e.Action == "user.department" {
		from, _ := e.Detail["from"].(string)
		to, _ := e.Detail["to"].(string)
		said = append(said, trf(l, "event.detail.moved", cmp.Or(from, tr(l, "event.empty")), cmp.Or(to, tr(l, "event.empty"))))
	}
	if e.Action == "document.restore" {
		said = append(said, restoredDetail(l, e.Detail)...)
	}
	return strings.Join(said, tr(l, "admin.semicolon"))
}

// restoredDetail names what a document.restore brought back: the
// indicators the document is linked to, and how many claims and values
// citing it no longer rest on a deleted document.
func restoredDetail(l Lang, detail map[string]any) []string {
	var said []string
	var codes []string
	list, _ := detail["indicators"].([]any)
	for _, c := range list {
		if code, ok := c.(string); ok {
			codes = append(codes, code)
		}
	}
	if len(codes) > 0 {
		said = append(said, trf(l, "event.detail.restored_links", strings.Join(codes, tr(l, "list.sep"))))
	}
	if claims, values := count(detail["claims"]), count(detail["values"]); claims+values > 0 {
		said = append(said, trf(l, "event.detail.restored_citing", claims, values))
	}
	return said
}

// carriedItem names what a carry-over decision was about as its event
// recorded it (定性描述 3.1.1（2019 年度）); an event logged before it
// recorded the indicator names a claim or value by looking it up
// (named), and anything else by its ID.
func carriedItem(l Lang, detail map[string]any, named map[string]string) string {
	kind, _ := detail["kind"].(string)
	obj, _ := detail["object"].(string)
	word := tr(l, "event.obj."+kind)
	if word == "event.obj."+kind {
		word = tr(l, "event.obj.carryover")
	}
	if indicator, _ := detail["indicator"].(string); indicator != "" {
		return trf(l, "event.carried_item", word, indicator, count(detail["round"]))
	}
	if name := named[kind+":"+obj]; name != "" {
		return word + " " + name
	}
	return word + " " + obj
}

// objectKey is an audit event's object as "kind:id": document events log
// a bare document ID, and saved searches were logged with a bare ID before
// they had a prefix; any other bare object stays as it is.
func objectKey(action, object string) string {
	if strings.Contains(object, ":") {
		return object
	}
	if id, ok := (catalog.Event{Action: action, Object: object}).DocumentID(); ok {
		return "document:" + id
	}
	if kind, _, _ := strings.Cut(action, "."); kind == "search" {
		return "search:" + object
	}
	return object
}

// deletedTitle names a document the catalog no longer has by the title
// its event recorded, else the file name its upload was logged with,
// marked as deleted.
func deletedTitle(l Lang, id string, detail map[string]any) string {
	title, _ := detail[catalog.EventTitle].(string)
	name, _ := detail["filename"].(string)
	return cmp.Or(title, name, id) + tr(l, "event.obj.deleted")
}

// eventObject is what an audit event was about ("kind:id"), in words, with
// a link to it when there is a page for it.
func eventObject(l Lang, object string, detail map[string]any, title string, cities map[string]string) (label, link string) {
	kind, id, ok := strings.Cut(object, ":")
	if !ok {
		return object, ""
	}
	word := tr(l, "event.obj."+kind)
	if word == "event.obj."+kind {
		return object, ""
	}
	name := func(keys ...string) string {
		for _, k := range keys {
			if s, ok := detail[k].(string); ok && s != "" {
				return s
			}
		}
		return id
	}
	switch kind {
	case "document":
		if title == "" {
			title = id
		}
		if l == English {
			return word + " “" + title + "”", "/documents/" + id
		}
		return word + "《" + title + "》", "/documents/" + id
	case "claim":
		// Logged with its indicator and statement when made or edited; a
		// review or withdrawal names only the claim, which is looked up
		// (title), as it is now.
		about := cmp.Or(title, id)
		if statement, _ := detail["statement"].(string); statement != "" {
			about = "“" + strings.TrimSpace(shorten(strings.Join(strings.Fields(strings.ReplaceAll(catalog.TypedText(statement), "\n", "")), " "), 24)) + "”"
			if indicator, _ := detail["indicator"].(string); indicator != "" {
				about = indicator + " " + about
			}
		}
		return word + " " + about, "/claims/" + id
	case "value", "assignment":
		if title != "" {
			return word + " " + title, ""
		}
	case "city":
		if n := cities[id]; n != "" {
			return word + " " + n, ""
		}
	case "department":
		return word + " " + name("to", "name"), ""
	case "search":
		return word + " " + name("name"), ""
	case "assignments":
		city, round, _ := strings.Cut(id, ":")
		if n := cities[city]; n != "" {
			city = n
		}
		return fmt.Sprintf("%s %s %s", word, city, round), ""
	case "token":
		return word + " " + name("label"), ""
	case "round":
		// A kept name corrected (round.correct_name): which indicator, from
		// what to what.
		// An English name's correction (from_en, to_en) says it in
		// English: its old name may have been none.
		code, _ := detail["code"].(string)
		from, _ := detail["from"].(string)
		to, _ := detail["to"].(string)
		fromEN, _ := detail["from_en"].(string)
		toEN, hasEN := detail["to_en"].(string)
		var said []string
		if to != "" {
			said = append(said, fmt.Sprintf("“%s”→“%s”", from, to))
		}
		if hasEN {
			said = append(said, fmt.Sprintf("%s “%s”→“%s”", tr(l, "event.round.name_en"), fromEN, toEN))
		}
		if code != "" && len(said) > 0 {
			return fmt.Sprintf("%s %s %s %s", word, id, code, strings.Join(said, " ")), "/admin/rounds/" + id
		}
		// A carry-over is one event per city: which city, and what it
		// carried.
		if city, _ := detail["city"].(string); city != "" {
			if n := cities[city]; n != "" {
				city = n
			}
			carried := trf(l, "event.round.carried", count(detail["links"]), count(detail["claims"]), count(detail["values"]))
			return fmt.Sprintf("%s %s %s%s", word, id, city, carried), ""
		}
	}
	return word + " " + id, ""
}

// count reads a number of an event's detail (JSON numbers decode as
// float64).
func count(v any) int {
	f, _ := v.(float64)
	return int(f)
}

// actorName is who did an audited thing: a user's name, or the archive
// itself ("system": a reader that failed) or its command line ("cli").
func actorName(l Lang, user string) string {
	switch user {
	case "system", "cli":
		return tr(l, "event.actor."+user)
	}
	return user
}

// fieldsRead says what a document.fields event changed: each field by its
// label, from the value it had (under "from"; events logged before that
// give only the new one) to the new.
func fieldsRead(l Lang, detail map[string]any) string {
	from, _ := detail["from"].(map[string]any)
	value := func(v any) string {
		if s, _ := v.(string); s != "" {
			return "“" + s + "”"
		}
		return tr(l, "event.empty")
	}
	var said []string
	for _, f := range []string{catalog.FieldTitle, catalog.FieldDocNumber, catalog.FieldIssuer, catalog.FieldIssuedOn, catalog.FieldRound} {
		to, ok := detail[f]
		if !ok {
			continue
		}
		if old, ok := from[f]; ok {
			said = append(said, tr(l, "doc."+f)+" "+value(old)+"→"+value(to))
		} else {
			said = append(said, tr(l, "doc."+f)+" "+value(to))
		}
	}
	return strings.Join(said, " ")
}
