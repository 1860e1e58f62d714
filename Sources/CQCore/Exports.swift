// The lower modules whose types appear in CQCore's own interface (results
// carry datasets, correlation estimates and fits), re-exported so that the
// front ends importing CQCore see them too. Package.swift's dependencies
// decide who may import whom; see ARCHITECTURE.md.

@_exported import CQData
@_exported import CQPresentation
@_exported import CQStatistics
@_exported import CQSyntax
