// Package sampleportal generates the sample portal of a fictional district
// government (滇池区人民政府) and serves it on loopback, with routes that
// misbehave on purpose and the ground truth of what an inspection must find.
// It is what `govwatch demo` crawls and what end-to-end tests compare
// findings against; at benchmark size it is the site the link-check
// benchmark runs every tool on.
//
// Start at model.go (columns, items, dates), then plants.go (the planted
// problems and the controls that must not be findings), render.go (pages),
// routes.go and files.go (what each path answers, attachments included),
// server.go (listeners) and truth.go. walk_test.go is the test that keeps
// the truth honest: a small crawler reads every page and checks every link
// against it.
//
// Everything derives from the page index and a fixed reference date (Now),
// so pages render on demand and two portals of the same options are
// byte-identical: no page is held in memory.
package sampleportal
