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
	// indicator is named by looking it up, or by its carry-over's row
	// when it has been deleted (dropped, as it is when dropped).
	lookups := slices.Clone(objects)
	for _, e := range events {
		if kind, _ := e.Detail["kind"].(string); strings.HasPrefix(e.Object, "carryover:") && e.Detail["indicator"] == nil && (kind == "claim" || kind == "value") {
			obj, _ := e.Detail["object"].(string)
			lookups = append(lookups, kind+":"+obj)
		}
	}
	named, tasks, gone := h.objectNames(ctx, l, u, lookups, cities)
	carried := h.carriedRows(ctx, u, events)
	goneSaid := h.goneDetails(ctx, u, objects, gone)
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
		// What the event says of its object, or, of one deleted since
		// whose event says nothing of it (a review, a return), what its
		// latest event that did said.
		detail := e.Detail
		if said := goneSaid[objects[i]]; said != nil && e.Detail["indicator"] == nil {
			detail = said
		}
		if city, _ := detail["city"].(string); strings.HasPrefix(objects[i], "assignment:") && tasks[objects[i]] == nil && (e.Action == "assignment.delete" || gone[objects[i]]) {
			// The task is gone; its delete event names what it was (one
			// that names nothing is named by its ID, as deleted).
			dept, _ := detail["department"].(string)
			indicator, _ := detail["indicator"].(string)
			if city != "" || dept != "" || indicator != "" {
				title = fmt.Sprintf("%s %s · %s", cmp.Or(cities[city], city), dept, indicator)
			}
		}
		if t := tasks[objects[i]]; t != nil {
			// The department as the event recorded it: renamed since, the
			// history still says what was true then.
			dept, _ := e.Detail[catalog.EventDepartment].(string)
			title = fmt.Sprintf("%s %s · %s", cmp.Or(cities[t.City], t.City), cmp.Or(dept, t.Department), t.Indicator)
		}
		row.About, row.Link = eventObject(l, objects[i], detail, title, cities)
		if id, ok := strings.CutPrefix(objects[i], "carryover:"); ok {
			row.About = carriedItem(l, id, e.Detail, named, carried[id])
		} else if gone[objects[i]] {
			// A claim, value or task deleted since: what the event says of
			// it, marked so, with no link to a page that is gone.
			row.About, row.Link = row.About+tr(l, "event.obj.deleted"), ""
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
// row shows what its event says, else its ID; gone holds those the
// catalog answered it has no longer (a lookup that failed proves
// nothing; the log is an admin's, who sees every city, so one unseen
// is one deleted).
func (h *handler) objectNames(ctx context.Context, l Lang, u *catalog.User, objects []string, cities map[string]string) (names map[string]string, tasks map[string]*catalog.Assignment, gone map[string]bool) {
	city := func(code string) string { return cmp.Or(cities[code], code) }
	byKind := map[string][]string{}
	for _, obj := range objects {
		if kind, id, ok := strings.Cut(obj, ":"); ok {
			byKind[kind] = append(byKind[kind], id)
		}
	}
	// Claims and values in one query each: a page of events may name a
	// hundred of them.
	claims, claimsErr := h.Claims.Visible(ctx, u, byKind["claim"])
	if claimsErr != nil {
		h.Logger.Warn("audit log: claims", "err", claimsErr)
	}
	vals, valsErr := h.Values.Visible(ctx, u, byKind["value"])
	if valsErr != nil {
		h.Logger.Warn("audit log: values", "err", valsErr)
	}
	// Tasks too: one lookup each named a page of a hundred one by one.
	named, tasksErr := h.Assignments.Named(ctx, u, byKind["assignment"])
	if tasksErr != nil {
		h.Logger.Warn("audit log: tasks", "err", tasksErr)
	}
	names, tasks, gone = map[string]string{}, map[string]*catalog.Assignment{}, map[string]bool{}
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
			gone[obj] = claimsErr == nil && claims[id] == nil
		case "value":
			if v := vals[id]; v != nil {
				name = fmt.Sprintf("%s %d %s %s", city(v.City), v.Round, v.Indicator, v.WrittenIn(l == English))
			}
			gone[obj] = valsErr == nil && vals[id] == nil
		case "assignment":
			if t := named[id]; t != nil {
				name, tasks[obj] = fmt.Sprintf("%s %s · %s", city(t.City), t.Department, t.Indicator), t
			}
			gone[obj] = tasksErr == nil && named[id] == nil
		default:
			continue
		}
		names[obj] = name
	}
	return names, tasks, gone
}

// goneDetails are, for each of objects that the catalog no longer has
// (gone), the detail of its latest event that said what it was (its
// indicator: a claim's creation or edit, a value's recording, a task's
// deletion), the latest events of all of them read in one query: a
// review or a withdrawal of a deleted claim names no more than its ID.
// An object none said it of is left out.
func (h *handler) goneDetails(ctx context.Context, u *catalog.User, objects []string, gone map[string]bool) map[string]map[string]any {
	out := map[string]map[string]any{}
	var asked []string
	for _, obj := range objects {
		if gone[obj] {
			asked = append(asked, obj)
		}
	}
	if len(asked) == 0 {
		return out
	}
	events, err := h.Accounts.LatestEventsOf(ctx, u, asked, goneEventsRead)
	if err != nil {
		h.Logger.Warn("audit log: events of deleted objects", "objects", len(asked), "err", err)
		return out
	}
	for obj, list := range events {
		for _, e := range list {
			if e.Detail["indicator"] != nil {
				out[obj] = e.Detail
				break
			}
		}
	}
	return out
}

// goneEventsRead is how many of a deleted object's latest events
// goneDetails looks through for one that said what it was.
const goneEventsRead = 50

// carriedRows are the carry-over rows of the decisions among events
// logged before their events named the item's indicator, by carry-over
// ID, read in one query: the row keeps the indicator and round of an item
// since deleted. A row not found (its round deleted) is left out.
func (h *handler) carriedRows(ctx context.Context, u *catalog.User, events []catalog.Event) map[string]*catalog.Carryover {
	var ids []string
	for _, e := range events {
		if id, ok := strings.CutPrefix(e.Object, "carryover:"); ok && e.Detail["indicator"] == nil {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return map[string]*catalog.Carryover{}
	}
	rows, err := h.Values.CarryoversByID(ctx, u, ids)
	if err != nil {
		h.Logger.Warn("audit log: carry-overs", "ids", len(ids), "err", err)
		return map[string]*catalog.Carryover{}
	}
	return rows
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
	if kind, _, _ := strings.Cut(e.Action, "."); kind == "link" {
		said = append(said, linkDetail(l, e.Detail)...)
	}
	if e.Action == "document.upload" {
		said = append(said, uploadDetail(l, e.Detail)...)
	}
	return strings.Join(said, tr(l, "admin.semicolon"))
}

// quoteShown is how many characters of a quote the audit log shows: enough
// to know the passage again, short enough for a table cell.
const quoteShown = 30

// linkDetail names what a link event was about: the indicator, the page,
// the round a link was dropped from or given back to, and the quote added,
// so that whoever follows the trail knows which indicator a document was
// linked to without opening the event.
func linkDetail(l Lang, detail map[string]any) []string {
	var said []string
	if code, _ := detail["indicator"].(string); code != "" {
		said = append(said, trf(l, "event.detail.indicator", code))
	}
	if round := count(detail["round"]); round > 0 {
		said = append(said, trf(l, "event.detail.round", round))
	}
	if page := count(detail["page"]); page > 0 {
		said = append(said, trf(l, "event.detail.page", page))
	}
	if quote, _ := detail["quote"].(string); quote != "" {
		if r := []rune(quote); len(r) > quoteShown {
			quote = string(r[:quoteShown]) + "…"
		}
		said = append(said, trf(l, "event.detail.quote", quote))
	}
	return said
}

// uploadDetail names the file an upload was logged with and its size.
func uploadDetail(l Lang, detail map[string]any) []string {
	var said []string
	if name, _ := detail["filename"].(string); name != "" {
		said = append(said, trf(l, "event.detail.file", name))
	}
	if size, ok := detail["size"].(float64); ok && size >= 0 {
		said = append(said, sizeText(int64(size)))
	}
	return said
}

// sizeText is a file size as people read it: 850 B, 12.4 KB, 3.1 MB.
func sizeText(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.1f KB", float64(n)/1024)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
	}
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
	if back, _ := detail["given_back"].([]any); len(back) > 0 {
		said = append(said, trf(l, "event.detail.restored_back", len(back)))
	}
	if kept, _ := detail["kept"].([]any); len(kept) > 0 {
		said = append(said, trf(l, "event.detail.restored_kept", len(kept)))
	}
	return said
}

// carriedItem names what the carry-over decision id was about as its
// event recorded it (定性描述 3.1.1（2019年度）). An event logged before
// it recorded the indicator names a claim or value still there by looking
// it up (named); one deleted since (as dropping deletes it) by its
// carry-over's row (已删除的定性描述 3.1.1（2019年度）); and, when that
// row is gone too, says so with the item's ID (已删除的条目（定性描述）ID),
// never a bare ULID nor an empty cell.
func carriedItem(l Lang, id string, detail map[string]any, named map[string]string, row *catalog.Carryover) string {
	kind, _ := detail["kind"].(string)
	obj, _ := detail["object"].(string)
	if row != nil {
		kind, obj = cmp.Or(kind, string(row.Kind)), cmp.Or(obj, row.ObjectID)
	}
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
	switch {
	case row != nil && (kind == "claim" || kind == "value"):
		return trf(l, "event.carried_item_gone", word, row.Indicator, row.Round)
	case row != nil:
		// A link stays with its document when dropped.
		return trf(l, "event.carried_item", word, row.Indicator, row.Round)
	}
	if kind == "" {
		return trf(l, "event.carried_gone_id", id)
	}
	return trf(l, "event.carried_gone", word, cmp.Or(obj, id))
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
		// A value deleted since, named as its recording was logged.
		if indicator, _ := detail["indicator"].(string); kind == "value" && indicator != "" {
			city, _ := detail["city"].(string)
			return fmt.Sprintf("%s %s %d %s", word, cmp.Or(cities[city], city), count(detail["round"]), indicator), ""
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
