// Package sampleportal generates the sample portal of a fictional district
// government (滇池区人民政府) and serves it on loopback, with routes that
// misbehave on purpose and the ground truth of what an inspection must find.
// It is what `govwatch demo` crawls and what end-to-end tests compare
// findings against; at benchmark size it is the site the link-check
// benchmark runs every tool on.
//
// Start at model.go (columns, items, dates), then plants.go (the planted
// problems and the controls that must not be findings), render.go (pages),
// server.go (routes and listeners) and truth.go.
//
// Everything derives from the page index and a fixed reference date (Now),
// so pages render on demand and two portals of the same options are
// byte-identical: no page is held in memory.
package sampleportal
