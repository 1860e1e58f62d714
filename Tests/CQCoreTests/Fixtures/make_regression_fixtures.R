# Expected values for Tests/CQCoreTests/RegressionTests.swift, from R 4.2.2.
#
#   Rscript Tests/CQCoreTests/Fixtures/make_regression_fixtures.R qt
#   Rscript Tests/CQCoreTests/Fixtures/make_regression_fixtures.R lm
#   Rscript Tests/CQCoreTests/Fixtures/make_regression_fixtures.R strd
#
# Each prints Swift literals to paste into the test (numbers with %.17g, which
# round-trips binary64). Run from the package root. Base R only.

args <- commandArgs(trailingOnly = TRUE)
what <- if (length(args)) args[1] else "lm"
# The shortest of 15, 16 or 17 significant digits that reads back as the same double.
num <- function(v) {
  if (is.na(v)) return("nil")
  for (digits in 15:17) {
    text <- sprintf("%.*g", digits, v)
    if (as.numeric(text) == v) break
  }
  text
}
vec <- function(v) paste0("[", paste(vapply(v, num, ""), collapse = ", "), "]")

# ---------------------------------------------------------------------------
# Student t quantiles: qt(p, df), lower tail.
if (what == "qt") {
  dfs <- c(1, 1.5, 2, 3, 4.5, 7, 10, 30, 100, 1000, 1e4, 1e6, 1e9)
  ps <- c(1e-300, 1e-100, 1e-20, 1e-8, 1e-3, 0.01, 0.025, 0.05, 0.1, 0.2, 0.25, 0.3,
          0.45, 0.4999, 0.500001, 0.6, 0.75, 0.9, 0.95, 0.975, 0.99, 0.999999)
  # Where R's own qt is more than 1e-13 off (checked against mpmath at 60
  # digits by make_regression_references.py, which gives the test these points):
  # far tails with few degrees of freedom and p within 1e-4 of 1/2. (Below 1
  # degree of freedom R's upper tails are off by up to 3e-4; that script covers a
  # few such points too.)
  off <- rbind(c(0.4999, 1), c(0.500001, 1), c(1e-300, 1.5), c(0.500001, 1.5),
               c(1e-300, 3), c(0.4999, 3), c(0.500001, 3), c(1e-300, 4.5), c(0.4999, 4.5),
               c(0.500001, 4.5), c(1e-300, 7), c(0.4999, 7), c(0.500001, 7), c(1e-300, 10),
               c(0.4999, 10), c(0.500001, 10), c(0.4999, 30), c(0.500001, 30))
  for (df in dfs) for (p in ps) {
    q <- qt(p, df)
    if (any(off[, 1] == p & off[, 2] == df)) next
    cat(sprintf("        .init(p: %s, df: %s, t: %s),\n", num(p), num(df), num(q)))
  }
  quit()
}

# ---------------------------------------------------------------------------
# summary(lm()) on small generated data sets.
if (what == "lm") {
  emit <- function(name, y, X, intercept = TRUE, level = 0.95, tol = 1e-7,
                   override = NULL) {
    d <- as.data.frame(X)
    f <- if (ncol(X) == 0) {
      if (intercept) y ~ 1 else y ~ 0
    } else {
      as.formula(paste("y ~", paste(c(sprintf("`%s`", colnames(X)), if (!intercept) "0"), collapse = " + ")))
    }
    fit <- lm(f, data = cbind(y = y, d), tol = tol)
    if (!is.null(override)) fit <- override$fit
    s <- suppressWarnings(summary(fit))
    cf <- coef(fit)
    ci <- suppressWarnings(confint(fit, level = level))
    tab <- matrix(NA, length(cf), 4, dimnames = list(names(cf), NULL))
    tab[rownames(s$coefficients), ] <- s$coefficients
    if (!is.null(override)) { tab <- override$tab; ci <- override$ci; cf <- tab[, 1] }
    fs <- s$fstatistic
    cat(sprintf("        .init(\n            %s, intercept: %s, confidence: %s,\n", deparse(name),
                tolower(intercept), num(level)))
    cat(sprintf("            y: %s,\n", vec(y)))
    cat("            x: [\n")
    for (j in seq_len(ncol(X)))
      cat(sprintf("                (%s, %s),\n", deparse(colnames(X)[j]), vec(X[, j])))
    cat("            ],\n            coefficients: [\n")
    for (i in seq_along(cf))
      cat(sprintf("                .init(%s, %s, %s, %s, %s, %s, %s),\n", deparse(gsub("`", "", names(cf)[i])),
                  num(tab[i, 1]), num(tab[i, 2]), num(tab[i, 3]), num(tab[i, 4]), num(ci[i, 1]), num(ci[i, 2])))
    cat(sprintf("            ],\n            rSquared: %s, adjustedRSquared: %s,\n", num(s$r.squared), num(s$adj.r.squared)))
    if (is.null(fs) || !is.finite(fs[1])) {
      cat("            f: nil, fDF: nil, fP: nil,\n")
    } else {
      cat(sprintf("            f: %s, fDF: (%d, %d), fP: %s,\n", num(fs[1]), as.integer(fs[2]), as.integer(fs[3]),
                  num(pf(fs[1], fs[2], fs[3], lower.tail = FALSE))))
    }
    cat(sprintf("            sigma: %s, residualDF: %d),\n", num(s$sigma), as.integer(fit$df.residual)))
  }
  r6 <- function(v) signif(v, 6)  # data with a few decimals, like real indicators

  set.seed(1)
  x <- r6(runif(8, 0, 10)); y <- r6(2 + 0.5 * x + rnorm(8))
  emit("simple", y, cbind(x = x))

  set.seed(2)
  x1 <- r6(rnorm(12, 50, 10)); x2 <- r6(rnorm(12, 3, 1)); y <- r6(1 + 0.2 * x1 - 1.5 * x2 + rnorm(12))
  emit("two predictors", y, cbind(x1 = x1, x2 = x2))

  # x3 = x1 + x2 exactly (small integers): R reports NA for x3.
  set.seed(3)
  x1 <- round(rnorm(10, 20, 5)); x2 <- round(rnorm(10, 5, 2)); x3 <- x1 + x2
  y <- r6(3 + x1 - 2 * x2 + rnorm(10))
  emit("collinear", y, cbind(x1 = x1, x2 = x2, x3 = x3))

  # A constant predictor is collinear with the intercept.
  set.seed(4)
  x <- r6(rnorm(9)); k <- rep(7.25, 9); y <- r6(x + rnorm(9))
  emit("constant predictor", y, cbind(x = x, k = k))

  # n = p + 1: one residual degree of freedom.
  set.seed(5)
  x1 <- r6(rnorm(5)); x2 <- r6(rnorm(5)); x3 <- r6(rnorm(5)); y <- r6(rnorm(5))
  emit("n = p + 1", y, cbind(x1 = x1, x2 = x2, x3 = x3))

  # n = p: an exact fit with no residual degrees of freedom; R prints NaN
  # for everything but the estimates and R² (F is NaN on (3, 0) df; cq
  # leaves F and its degrees of freedom out).
  emit("n = p", y[1:4], cbind(x1 = x1[1:4], x2 = x2[1:4], x3 = x3[1:4]))

  # More terms than observations: R estimates the first n, NA for the rest.
  emit("n < p", y[1:3], cbind(x1 = x1[1:3], x2 = x2[1:3], x3 = x3[1:3]))

  # Three observations, one predictor.
  emit("n = 3", c(1.5, 2.25, 4.5), cbind(x = c(1, 2, 4)))

  # Through the origin: uncentred R², F on all terms.
  set.seed(6)
  x <- r6(runif(7, 1, 5)); y <- r6(1.7 * x + rnorm(7, 0, 0.3))
  emit("no intercept", y, cbind(x = x), intercept = FALSE)

  set.seed(7)
  x1 <- r6(rnorm(10)); x2 <- r6(runif(10)); y <- r6(x1 - x2 + rnorm(10, 0, 0.5))
  emit("no intercept, two predictors", y, cbind(x1 = x1, x2 = x2), intercept = FALSE)

  # Response with a large offset. R's lm() on y itself is good to only ~1e-8
  # here (its QR works on y's 1e9 scale; the exact fit, from mpmath, agrees
  # with the one below to 1e-15), so the reference is the fit on y − 1e9
  # (exact: Sterbenz) with 1e9 added back to the intercept and its interval.
  set.seed(8)
  x <- r6(runif(10, 0, 3)); y <- 1e9 + r6(4 * x + rnorm(10))
  yc <- y - 1e9
  fc <- lm(yc ~ x); tab <- summary(fc)$coefficients; ci <- confint(fc)
  tab[1, 1] <- tab[1, 1] + 1e9; tab[1, 3] <- tab[1, 1] / tab[1, 2]
  tab[1, 4] <- 2 * pt(-abs(tab[1, 3]), fc$df.residual); ci[1, ] <- ci[1, ] + 1e9
  emit("response offset 1e9", y, cbind(x = x), override = list(tab = tab, ci = ci, fit = fc))

  # Predictor with a large offset: R's lm() with its default tol = 1e-7 drops x
  # (NA). The reference is the fit on x − 1e9 (exact: Sterbenz), which is the
  # same model; the intercept, its se and interval are mapped back with
  # vcov() (b0 = a0 − 1e9·b1; no cancellation here since a0 is small).
  set.seed(9)
  x <- 1e9 + r6(rnorm(10, 0, 2)); y <- r6(3 + 2 * (x - 1e9) + rnorm(10))
  xc <- x - 1e9
  fc <- lm(y ~ xc); sc <- summary(fc); v <- vcov(fc)
  b <- coef(fc); b0 <- b[1] - 1e9 * b[2]
  se0 <- sqrt(v[1, 1] - 2e9 * v[1, 2] + 1e18 * v[2, 2])
  t0 <- b0 / se0; q <- qt(0.975, fc$df.residual)
  tab <- rbind(c(b0, se0, t0, 2 * pt(-abs(t0), fc$df.residual)), sc$coefficients[2, ])
  rownames(tab) <- c("(Intercept)", "x")
  ci <- rbind(c(b0 - q * se0, b0 + q * se0), confint(fc)[2, ])
  emit("predictor offset 1e9", y, cbind(x = x), override = list(tab = tab, ci = ci, fit = fc))

  # Exact fit in integers: the residuals are exactly 0 (R: ~1e-15 and a warning).
  emit("perfect fit", c(5, 8, 11, 17, 23, 29), cbind(x = c(1, 2, 3, 5, 7, 9)))

  # Almost no relation: R² near 0, F's p near 1.
  set.seed(10)
  x <- r6(rnorm(15)); y <- r6(rnorm(15))
  emit("weak fit", y, cbind(x = x))

  set.seed(11)
  x <- r6(runif(12, -2, 3)); y <- r6(1 - x + 0.5 * x^2 + rnorm(12, 0, 0.2))
  emit("quadratic", y, cbind(x = x, `x^2` = x^2))

  set.seed(12)
  x1 <- r6(rnorm(20)); x2 <- r6(rnorm(20)); x3 <- r6(rnorm(20)); y <- r6(x1 + 0.1 * x3 + rnorm(20))
  emit("90% intervals", y, cbind(x1 = x1, x2 = x2, x3 = x3), level = 0.90)

  set.seed(13)
  y <- r6(rnorm(6, 10))
  emit("intercept only", y, matrix(numeric(0), 6, 0))
  quit()
}

# ---------------------------------------------------------------------------
# R's own digits of agreement (LRE) on the NIST StRD linear regressions, with
# lm() at its defaults: the floors cq must reach (rounded down to 0.01).
if (what == "strd") {
  lre <- function(est, cert) {
    v <- ifelse(cert == 0, -log10(abs(est)), -log10(abs(est - cert) / abs(cert)))
    v[is.na(est)] <- 0
    pmin(pmax(v, 0), 15)
  }
  field <- function(text, key) {
    m <- regmatches(text, regexpr(sprintf('"%s": (\\[[^]]*\\]|"[^"]*"|true|false)', key), text))
    gsub('"', "", sub(sprintf('"%s": ', key), "", m))
  }
  list_of <- function(s) trimws(strsplit(gsub("\\[|\\]", "", s), ",")[[1]])
  dir <- "Tests/CQCoreTests/Fixtures/strd"
  for (s in c("Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley",
              "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5")) {
    json <- paste(readLines(file.path(dir, paste0(s, ".json")), warn = FALSE), collapse = "")
    certified <- sub('.*"certified_str": ', "", json)
    terms <- list_of(field(json, "terms"))
    intercept <- field(json, "intercept") == "true"
    d <- read.csv(file.path(dir, paste0(s, ".csv")))
    rhs <- vapply(setdiff(terms, "1"), function(t) if (grepl("\\^", t)) sprintf("I(%s)", t) else t, "")
    f <- as.formula(paste("y ~", paste(c(rhs, if (!intercept) "0"), collapse = " + ")))
    fit <- lm(f, data = d)
    sm <- suppressWarnings(summary(fit))
    cf <- coef(fit)
    se <- rep(NA, length(cf)); se[!is.na(cf)] <- sm$coefficients[, 2]
    down <- function(v) floor(v * 100) / 100  # never overstate R
    cat(sprintf("        \"%s\": .init(coefficients: %.2f, standardErrors: %.2f, residualSD: %.2f, rSquared: %.2f),\n", s,
                down(min(lre(cf, as.numeric(list_of(field(certified, "coef")))))),
                down(min(lre(se, as.numeric(list_of(field(certified, "coef_sd")))))),
                down(lre(sm$sigma, as.numeric(field(certified, "residual_sd")))),
                down(lre(sm$r.squared, as.numeric(field(certified, "r_squared"))))))
  }
}
