# Cross-check of panel/references.json with R (lm with factor dummies,
# sandwich, lmtest, plm) — independent of both cq and the Python script.
#
#   Rscript Tests/CQCoreTests/Fixtures/make_panel_references.R [out.csv]
#
# Run from the package root (make_panel_references.py runs it and compares).
# For each case it rebuilds the sample from the CSV files under Data/ by the
# rules in the header of make_panel_references.py (written again here, from
# the statement's meaning, not translated from the Python), fits
#
#   lm(y ~ factor(iso3) + x)                  country effects
#   lm(y ~ factor(year) + x)                  year effects
#   lm(y ~ factor(iso3) + factor(year) + x)   country and year effects
#   lm(y ~ x)                                 pooled
#
# (effects first, so that a regressor collinear with them is the one lm
# leaves out), and takes the standard errors from
#
#   classical  vcov(lm)                    df = n - rank
#   robust     sandwich::vcovHC(type = "HC1")  (n / (n - rank))
#   cluster    sandwich::vcovCL(type = "HC0", cadjust = TRUE) (G/(G-1))
#              × (n - 1) / (n - K_c), df = G - 1, with K_c = slopes + for
#              each effect 1 if nested in the clusters else its levels,
#              − (number of effects − 1)
#
# and t tests from lmtest::coeftest. r2 is summary(lm)$r.squared, r2_within
# 1 - RSS / sum(residuals of y on the effect dummies ^ 2). As a further check
# on the slopes, plm's within estimator must agree with lm to 1e-9.
#
# Output: CSV with columns id, term, field, value (%.17g), to out.csv or
# standard output.

suppressPackageStartupMessages({
  library(sandwich)
  library(lmtest)
  library(plm)
})

args <- commandArgs(trailingOnly = TRUE)
out_path <- if (length(args)) args[1] else ""

cases <- list(
  list(id = "fe_country", data = "world", y = "life_expectancy", x = "log(gdp_per_capita)", fe = "country"),
  list(id = "fe_year", data = "world", y = "life_expectancy", x = "log(gdp_per_capita)", fe = "year"),
  list(id = "fe_twoway", data = "world", y = "life_expectancy", x = "log(gdp_per_capita)", fe = c("country", "year")),
  list(id = "pooled_robust", data = "world", y = "life_expectancy", x = "log(gdp_per_capita)", se = "robust"),
  list(id = "pooled_cluster_country", data = "world", y = "life_expectancy", x = "log(gdp_per_capita)", cluster = "country"),
  list(id = "fe_country_robust_two_terms", data = "world", y = "life_expectancy",
       x = c("log(gdp_per_capita)", "tertiary_enrollment"), fe = "country", se = "robust"),
  list(id = "fe_country_cluster_two_terms", data = "world", y = "life_expectancy",
       x = c("log(gdp_per_capita)", "tertiary_enrollment"), fe = "country", cluster = "country"),
  list(id = "fe_twoway_cluster", data = "world", y = "life_expectancy",
       x = c("log(gdp_per_capita)", "tertiary_enrollment"), fe = c("country", "year"), cluster = "country"),
  list(id = "pooled_cluster_region", data = "world", y = "rnd", x = "log(gdp_per_capita)", cluster = "region"),
  list(id = "fe_country_cluster_income", data = "world", y = "rnd", x = "log(gdp_per_capita)",
       fe = "country", cluster = "income_group"),
  list(id = "growth_on_lag", data = "world", y = "growth(gdp_per_capita_ppp)", x = "lag(rnd)",
       fe = "country", cluster = "country"),
  list(id = "eu_decade", data = "world", y = "life_expectancy", x = "log(gdp_per_capita)",
       fe = "country", cluster = "country", where = "EU", during = c(2010, 2019)),
  list(id = "singletons", data = "world", y = "researchers", x = "rnd", fe = "country"),
  list(id = "fe_country_cluster_region_not_nested", data = "world", y = "life_expectancy",
       x = "log(population)", fe = "country", cluster = "region"),
  list(id = "constant_within_country", data = "world", y = "life_expectancy",
       x = c("log(gdp_per_capita)", "at(rnd, 2010)"), fe = "country"),
  list(id = "oecd_balanced_twoway", data = "world", y = "life_expectancy", x = "log(gdp_per_capita_ppp)",
       fe = c("country", "year"), where = "OECD", during = c(2000, 2019)),
  list(id = "ext_twoway_cluster", data = "extended", y = "co2_per_capita",
       x = c("log(gdp_per_capita_ppp)", "urban_pct"), fe = c("country", "year"), cluster = "country"),
  list(id = "ext_gini_singletons", data = "extended", y = "gini", x = "log(gdp_per_capita_ppp)",
       fe = "country", cluster = "country"),
  list(id = "ext_growth_lag_robust", data = "extended", y = "gdp_growth", x = "lag(investment_pct_gdp)",
       fe = c("country", "year"), se = "robust", during = c(1990, 2019)),
  list(id = "ext_year_cluster", data = "extended", y = "inflation", x = "unemployment",
       fe = "year", cluster = "country")
)

# ---------------------------------------------------------------------------
# Data: matrices countries × years

countries <- read.csv("Data/world/countries.csv", colClasses = "character", na.strings = "")
countries <- countries[order(countries$iso3), ]
iso <- countries$iso3
memberships <- read.csv("Data/world/memberships.csv", colClasses = "character", na.strings = "")

load_dataset <- function(name) {
  folder <- if (name == "world") "Data/world" else "Data/world-extended"
  obs <- read.csv(file.path(folder, "observations.csv"),
                  colClasses = c("character", "character", "integer", "numeric"), na.strings = "")
  obs <- obs[obs$iso3 %in% iso, ]
  years <- seq(min(obs$year), max(obs$year))
  indicators <- list()
  for (ind in unique(obs$indicator)) {
    rows <- obs[obs$indicator == ind, ]
    m <- matrix(NA_real_, length(iso), length(years), dimnames = list(iso, years))
    m[cbind(match(rows$iso3, iso), match(rows$year, years))] <- rows$value
    indicators[[ind]] <- m
  }
  list(years = years, indicators = indicators)
}

member <- function(d, group) {
  m <- matrix(FALSE, length(iso), length(d$years), dimnames = list(iso, d$years))
  rows <- memberships[memberships$group == group & memberships$iso3 %in% iso, ]
  for (r in seq_len(nrow(rows))) {
    from <- if (is.na(rows$from_year[r])) -Inf else as.numeric(rows$from_year[r])
    to <- if (is.na(rows$to_year[r])) Inf else as.numeric(rows$to_year[r])
    m[rows$iso3[r], ] <- m[rows$iso3[r], ] | (d$years >= from & d$years < to)
  }
  m
}

attribute <- function(d, name) {
  ny <- length(d$years)
  if (name == "country") return(matrix(iso, length(iso), ny))
  if (name == "income_group") return(matrix(countries$income_group, length(iso), ny))
  if (name == "region") {
    m <- matrix(countries$wb_region, length(iso), ny)
    m[member(d, "CIS")] <- "CIS"
    m[member(d, "EU")] <- "EU"
    return(m)
  }
  stop(name)
}

evaluate <- function(d, text) {
  text <- trimws(text)
  if (!grepl("(", text, fixed = TRUE)) return(d$indicators[[text]])
  fn <- sub("\\(.*", "", text)
  inner <- sub("^[a-z]+\\((.*)\\)$", "\\1", text)
  if (fn == "at") {
    parts <- strsplit(inner, ",")[[1]]
    x <- evaluate(d, parts[1])
    column <- x[, as.character(as.integer(parts[2]))]
    return(matrix(column, nrow(x), ncol(x), dimnames = dimnames(x)))
  }
  x <- evaluate(d, inner)
  previous <- cbind(NA_real_, x[, -ncol(x), drop = FALSE])
  if (fn == "log") { x[!is.na(x) & x <= 0] <- NA; return(log(x)) }
  if (fn == "lag") return(previous)
  if (fn == "growth") { previous[!is.na(previous) & previous == 0] <- NA; return(100 * (x / previous - 1)) }
  stop(text)
}

long <- function(m) as.vector(t(m))  # countries major, years minor

# ---------------------------------------------------------------------------

rows <- list()
emit <- function(id, term, field, value) {
  text <- if (is.null(value) || (length(value) == 1 && is.na(value))) "NA" else sprintf("%.17g", value)
  rows[[length(rows) + 1]] <<- data.frame(id = id, term = term, field = field, value = text)
}

datasets <- list()
for (case in cases) {
  if (is.null(datasets[[case$data]])) datasets[[case$data]] <- load_dataset(case$data)
  d <- datasets[[case$data]]
  fe <- c(country = "iso3", year = "year")[case$fe]
  if (is.null(case$fe)) fe <- character(0)
  se <- if (!is.null(case$cluster)) "cluster" else if (!is.null(case$se)) case$se else "classical"
  k_terms <- length(case$x)
  xs <- paste0("x", seq_len(k_terms))

  df <- data.frame(iso3 = rep(iso, each = length(d$years)), year = rep(d$years, times = length(iso)),
                   stringsAsFactors = FALSE)
  df$y <- long(evaluate(d, case$y))
  for (i in seq_len(k_terms)) df[[xs[i]]] <- long(evaluate(d, case$x[i]))
  if (!is.null(case$cluster)) df$cl <- long(attribute(d, case$cluster))
  # 1. scope
  keep <- rep(TRUE, nrow(df))
  if (!is.null(case$during)) keep <- keep & df$year >= case$during[1] & df$year <= case$during[2]
  if (!is.null(case$where)) keep <- keep & long(member(d, case$where))
  df <- df[keep, ]
  # 2. listwise, 3. cluster variable
  df <- df[complete.cases(df[, c("y", xs)]), ]
  if (!is.null(case$cluster)) df <- df[!is.na(df$cl), ]
  # 4. singletons, alternating over the effects until none is left
  n0 <- nrow(df)
  repeat {
    changed <- FALSE
    for (f in fe) {
      counts <- table(df[[f]])
      single <- df[[f]] %in% names(counts)[counts == 1]
      if (any(single)) { df <- df[!single, ]; changed <- TRUE }
    }
    if (!changed) break
  }
  dropped_singletons <- n0 - nrow(df)
  # 5. groups without variation, one-way effects only
  n0 <- nrow(df)
  if (length(fe) == 1) {
    constant <- function(v, g) ave(v, g, FUN = function(z) length(unique(z))) == 1
    flat <- Reduce(`&`, lapply(c("y", xs), function(v) constant(df[[v]], df[[fe]])))
    df <- df[!flat, ]
  }
  dropped_constant <- n0 - nrow(df)
  n <- nrow(df)

  # fit; effects first so a collinear regressor is the aliased one
  effects_terms <- if (length(fe)) paste0("factor(", fe, ")") else character(0)
  formula_of <- function(kept) as.formula(paste("y ~", paste(c(effects_terms, kept), collapse = " + ")))
  fit <- lm(formula_of(xs), data = df)
  aliased <- xs[is.na(coef(fit)[xs])]
  kept <- setdiff(xs, aliased)
  if (length(aliased)) fit <- lm(formula_of(kept), data = df)
  rank <- fit$rank
  levels <- vapply(fe, function(f) length(unique(df[[f]])), 0)

  if (se == "classical") {
    V <- vcov(fit); tdf <- n - rank; dof_k <- rank; G <- NA
  } else if (se == "robust") {
    V <- vcovHC(fit, type = "HC1"); tdf <- n - rank; dof_k <- rank; G <- NA
  } else {
    G <- length(unique(df$cl))
    nested <- vapply(fe, function(f) all(tapply(df$cl, df[[f]], function(z) length(unique(z))) == 1), TRUE)
    dof_k <- if (length(fe)) length(kept) + sum(ifelse(nested, 1, levels)) - (length(fe) - 1) else rank
    V <- vcovCL(fit, cluster = ~cl, type = "HC0", cadjust = TRUE) * (n - 1) / (n - dof_k)
    tdf <- G - 1
  }
  names_out <- if (length(fe)) kept else c("(Intercept)", kept)
  ct <- coeftest(fit, vcov. = V, df = tdf)[names_out, , drop = FALSE]
  labels <- c("(Intercept)" = "(Intercept)", setNames(case$x, xs))

  # within R²: y after the within transformation (exact, by least squares)
  r2_within <- NA
  if (length(fe)) {
    y_t <- residuals(lm(as.formula(paste("y ~", paste(effects_terms, collapse = " + "))), data = df))
    r2_within <- 1 - sum(residuals(fit)^2) / sum(y_t^2)
    # plm's within estimator, a second route to the slopes
    effect <- if (length(fe) == 2) "twoways" else if (fe == "iso3") "individual" else "time"
    pdf <- pdata.frame(df, index = c("iso3", "year"))
    pfit <- plm(as.formula(paste("y ~", paste(kept, collapse = " + "))), data = pdf,
                model = "within", effect = effect)
    gap <- max(abs(coef(pfit)[kept] - coef(fit)[kept]) / abs(coef(fit)[kept]))
    if (gap > 1e-9) stop(sprintf("%s: plm and lm differ by %g", case$id, gap))
  }

  emit(case$id, "", "n", n)
  emit(case$id, "", "df", tdf)
  emit(case$id, "", "dof_k", dof_k)
  emit(case$id, "", "clusters", G)
  emit(case$id, "", "dropped_singletons", dropped_singletons)
  emit(case$id, "", "dropped_constant", dropped_constant)
  emit(case$id, "", "groups_country", if ("iso3" %in% fe) length(unique(df$iso3)) else NA)
  emit(case$id, "", "groups_year", if ("year" %in% fe) length(unique(df$year)) else NA)
  emit(case$id, "", "r2", summary(fit)$r.squared)
  emit(case$id, "", "r2_within", r2_within)
  for (a in aliased) emit(case$id, labels[[a]], "omitted", 1)
  for (name in names_out) {
    emit(case$id, labels[[name]], "estimate", ct[name, 1])
    emit(case$id, labels[[name]], "se", ct[name, 2])
    emit(case$id, labels[[name]], "t", ct[name, 3])
    emit(case$id, labels[[name]], "p", ct[name, 4])
  }
  message(sprintf("%-38s n=%5d df=%d %s=%.6g (%.4g)", case$id, n, tdf, labels[[kept[1]]],
                  ct[kept[1], 1], ct[kept[1], 2]))
}

table_out <- do.call(rbind, rows)
write.csv(table_out, if (nzchar(out_path)) out_path else stdout(), row.names = FALSE, quote = TRUE)
