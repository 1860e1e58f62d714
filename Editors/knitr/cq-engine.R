# A knitr engine for cq: ```{cq} chunks of an R Markdown document run in one
# cq session per document (bindings, `use` and `set` carry from chunk to
# chunk), through `cq serve` (Editors/PROTOCOL.md). Source this file in the
# document's setup chunk:
#
#   ```{r setup, include=FALSE}
#   source("Editors/knitr/cq-engine.R")   # or the path of your copy
#   ```
#
# The cq binary is $CQ_BINARY, else `cq` on PATH. A chunk shows what `cq`
# prints (the text of each result); a chunk that does not check shows cq's
# diagnostic (chunk:line:column, the line, a caret, the help) and stops the
# rendering, unless the chunk sets `error=TRUE`. Needs jsonlite, and a
# system with named pipes (Linux, macOS).

local({
  binary <- Sys.getenv("CQ_BINARY", unset = Sys.which("cq"))
  if (!nzchar(binary)) stop("cq engine: no cq binary; set CQ_BINARY or put cq on PATH")
  session <- new.env()

  start <- function() {
    folder <- tempfile("cq-knitr-")
    dir.create(folder)
    requests <- file.path(folder, "requests")
    answers <- file.path(folder, "answers")
    system2("mkfifo", c(requests, answers))
    # cq reads the requests pipe and writes the answers pipe until it is told to stop.
    system(sprintf("%s serve < %s > %s", shQuote(binary), shQuote(requests), shQuote(answers)), wait = FALSE)
    session$to_cq <- file(requests, open = "w", raw = TRUE)
    session$from_cq <- file(answers, open = "r", raw = TRUE)
    session$next_id <- 0
    session$folder <- folder
  }

  request <- function(code) {
    if (is.null(session$to_cq)) start()
    session$next_id <- session$next_id + 1
    line <- jsonlite::toJSON(list(id = session$next_id, op = "execute", code = code), auto_unbox = TRUE)
    writeLines(line, session$to_cq)
    flush(session$to_cq)
    answer <- readLines(session$from_cq, n = 1)
    if (length(answer) == 0) stop("cq engine: cq stopped")
    jsonlite::fromJSON(answer, simplifyVector = FALSE)
  }

  knitr::knit_engines$set(cq = function(options) {
    code <- paste(options$code, collapse = "\n")
    if (!isTRUE(options$eval)) return(knitr::engine_output(options, code, ""))
    answer <- request(code)
    if (identical(answer$status, "error")) {
      text <- if (!is.null(answer$text)) answer$text else answer$message
      text <- gsub("\\bcell:", "chunk:", text)
      if (!isTRUE(options$error)) stop("cq chunk `", options$label, "` failed:\n", text, call. = FALSE)
      return(knitr::engine_output(options, code, text))
    }
    out <- vapply(answer$outputs, function(output) output[["text/plain"]], "")
    if (identical(answer$status, "cancelled")) out <- c(out, "interrupted")
    knitr::engine_output(options, code, paste(out, collapse = "\n"))
  })

  # Let cq go when R ends.
  reg.finalizer(session, function(env) {
    if (!is.null(env$to_cq)) {
      try(writeLines('{"op":"shutdown"}', env$to_cq), silent = TRUE)
      try(close(env$to_cq), silent = TRUE)
      try(close(env$from_cq), silent = TRUE)
    }
  }, onexit = TRUE)
})
