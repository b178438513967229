package main

import (
	"context"
	"net/url"

	"github.com/lcmonitor/evidence/api"
	"github.com/lcmonitor/evidence/catalog"
)

// checkTask asks the server, once, for the task `ingest --task` names
// (GET /api/v1/assignments/{id}), before any file is sent: a task that is
// not there, or not the token's to see (another department's, another
// city's), would fail every file alike. That is said once, with where the
// task ids are, as a usage error (exit status 2); an accepted task, which
// takes no more files, is said once too. A busy server is asked again
// (doWaiting), each wait said through note.
func (c *remote) checkTask(ctx context.Context, id string, note func(string)) error {
	var body struct {
		Assignment api.AssignmentJSON `json:"assignment"`
	}
	err := c.doWaiting(ctx, c.get(ctx, "/api/v1/assignments/"+url.PathEscape(id)), &body, note)
	if catalog.IsNotFound(err) {
		return usageError{catalog.Errorf(catalog.EINVALID, "没有编号为 %s 的任务，或它不是您的账号可以提交的任务（部门联系人只能为本部门的任务提交）：请运行 evidence assignments list --server %s 查看任务编号，再用 --task 指定", id, c.base)}
	}
	if err != nil {
		return err
	}
	if body.Assignment.Status == string(catalog.AssignmentAccepted) {
		return catalog.Errorf(catalog.ECONFLICT, "该任务已确认，不能再提交材料；如需补充请联系本市协调员")
	}
	return nil
}
