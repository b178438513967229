// Package claims runs the review of what cities say: a coordinator writes a
// claim for a key indicator citing passages of the city's documents; each
// citation is checked against the stored text; reviewers record verdicts;
// insufficient or contradicted claims go back to the coordinator and return
// to the queue when changed. Every step is in the audit log.
package claims
