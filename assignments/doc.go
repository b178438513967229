// Package assignments runs a city's collection round by responsibility
// (责任分解): the responsibility table that gives each key indicator to the
// departments (责任单位) that must hand in its evidence by a due date, the
// city's list of departments, what each department handed in, and the
// coordinator's return (with a reason) or acceptance.
//
// Every rule of the workflow is here, whichever surface asks:
//
//   - Who sees an assignment: the one city scope (catalog/scope.go), and a
//     contributor only their own department's; anything else is
//     ENOTFOUND.
//   - Who changes one: admins and the city's coordinators import, edit,
//     return and accept; a contributor only hands in against their own
//     (through ingest.Service.Upload, which asks UploadTarget and
//     Submitted).
//   - The states: open 未提交 → submitted 已提交 → returned 已退回 →
//     submitted … → accepted 已确认. Handing in more keeps an assignment
//     submitted; an accepted one takes nothing more. An assignment is
//     overdue while open or returned after its due date (China time), so a
//     due date in the past is overdue at once.
//   - One department typed several ways is one department:
//     catalog.DepartmentKey compares names without spaces, width, the
//     city's name or a leading 市 (市教育局 = 教育局 = 杭州市教育局).
//   - An import is all rows or none; every bad row is named with its row
//     number and why (ImportError).
package assignments
