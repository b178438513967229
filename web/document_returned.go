package web

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/lcmonitor/evidence/catalog"
)

// returnView is a return (退回) of the document shown, on a task that
// still lists it: what the notice says, where the task is (for those
// who may open it) and the files handed in for the task after it.
type returnView struct {
	Text    string
	TaskURL string
	After   []replacement
}

// replacement is a file handed in after a return, named by its title
// (quoted) for a link to its page.
type replacement struct {
	ID, Title string
}

// fillReturns tells, at the head of the document's page, that the file
// was returned and, when nothing else keeps it, is no evidence until
// handed in again: a reader who lands on it from a link, a claim or an
// old search must not take it for the city's evidence, so the notice says
// so, and the page suggests no indicators to link it to. A file another
// task still keeps, or linked or cited, is evidence: the notice says that.
func (h *handler) fillReturns(r *http.Request, p *documentPage) error {
	u := sessionFrom(r).User
	lang := langOf(r)
	all, only, err := h.Documents.Returns(r.Context(), u, p.Doc)
	if err != nil {
		return err
	}
	p.ReturnedOnly = only
	for _, ret := range all {
		v := returnView{Text: returnText(lang, ret), TaskURL: taskURL(u, ret)}
		for _, id := range ret.After {
			v.After = append(v.After, replacement{ID: id, Title: quotedTitle(lang, h.documentTitle(r, id))})
		}
		p.Returns = append(p.Returns, v)
	}
	if only {
		p.Suggestions = nil
	}
	return nil
}

// returnText is the notice of one return in lang: who and why to those
// who may read them (catalog.DocumentReturn.SeenBy), the date to all.
func returnText(lang Lang, r catalog.DocumentReturn) string {
	task := trf(lang, "doc.returned.task", r.Indicator, r.Department, r.Round)
	if r.By == "" {
		return trf(lang, "doc.returned.unnamed", formatTime(r.At), task)
	}
	return trf(lang, "doc.returned", r.By, catalog.TypedText(r.Reason), formatTime(r.At), task)
}

// taskURL is where u sees the task of return r: 我的任务 for its own
// department, the board for the city's coordinator and an admin, none
// for anyone else, who has no page of tasks.
func taskURL(u *catalog.User, r catalog.DocumentReturn) string {
	switch {
	case u.CanEdit(r.City) == nil:
		q := url.Values{"city": {r.City}, "round": {fmt.Sprint(r.Round)}}
		return "/assignments?" + q.Encode() + "#task-" + r.Assignment
	case u.Role == catalog.RoleContributor && u.City == r.City && u.Department == r.Department:
		return fmt.Sprintf("/tasks?round=%d#task-%s", r.Round, r.Assignment)
	}
	return ""
}

// withdrawOffer is a returned file of a task that its department may
// withdraw (撤回被退回的旧文件), named by its title.
type withdrawOffer struct {
	TaskID, DocID, Title string
}

// offerWithdrawReturned adds to done (made when nil) the returned files
// of task id that are still in the archive and that nothing but the task
// holds, which a withdrawal deletes: handed in again for the task, the
// department is offered to take them back, lest the returned version stay
// beside its replacement, searchable. The offer goes through the task's
// withdraw action, which asks first. done comes back nil when there is
// nothing to offer and it was nil.
func (h *handler) offerWithdrawReturned(r *http.Request, id string, done *handedIn) *handedIn {
	u := sessionFrom(r).User
	t, err := h.Assignments.Get(r.Context(), u, id)
	if err != nil {
		h.Logger.Warn("tasks: the returned files of a task handed in for", "task", id, "err", err)
		return done
	}
	var offers []withdrawOffer
	for _, doc := range t.Documents {
		rf, returned := t.Returned[doc]
		if !returned || rf.Gone != nil {
			continue
		}
		if held, err := h.Assignments.DocumentHeld(r.Context(), id, doc); err != nil || held {
			continue
		}
		offers = append(offers, withdrawOffer{TaskID: id, DocID: doc, Title: quotedTitle(langOf(r), h.documentTitle(r, doc))})
	}
	if len(offers) == 0 {
		return done
	}
	if done == nil {
		done = &handedIn{}
	}
	done.Withdraw, done.CSRF = offers, sessionFrom(r).CSRF
	return done
}
