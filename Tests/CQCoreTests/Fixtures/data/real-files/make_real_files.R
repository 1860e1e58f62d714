# Tables written by R itself, in the shapes R users send: write.csv (row
# names under an empty heading), write.csv2 (";" and decimal comma),
# write.table with tabs (header one field short), years as columns with
# R's X-prefixed names. The data: GDP per capita and life expectancy from
# Data/world/observations.csv (World Bank, CC BY 4.0). The reference values
# (references.csv) are R's own cor() and mean() on the data frames written.
#
#   Rscript Tests/CQCoreTests/Fixtures/data/real-files/make_real_files.R
#
# (R >= 4; base R only.)
here <- "Tests/CQCoreTests/Fixtures/data/real-files"
obs <- read.csv("Data/world/observations.csv", stringsAsFactors = FALSE)
countries <- read.csv("Data/world/countries.csv", stringsAsFactors = FALSE)
pick <- function(indicator, years) {
  x <- obs[obs$indicator == indicator & obs$year %in% years, c("iso3", "year", "value")]
  names(x)[3] <- indicator
  x
}
years <- 2015:2019
panel <- merge(pick("gdp_per_capita", years), pick("life_expectancy", years), by = c("iso3", "year"))
panel <- merge(panel, countries[, c("iso3", "name")], by = "iso3")
panel <- panel[order(panel$name, panel$year), ]

# 1. write.csv of a cross-section with the country names as row names.
cross <- panel[panel$year == 2019, c("name", "gdp_per_capita", "life_expectancy")]
rownames(cross) <- cross$name
cross$name <- NULL
write.csv(cross, file.path(here, "r-write-csv.csv"))

# 2. write.csv2: ";" separator, decimal comma, a country-year panel.
long <- panel[, c("name", "year", "gdp_per_capita", "life_expectancy")]
names(long)[1] <- "country"
write.csv2(long, file.path(here, "r-write-csv2.csv"), row.names = FALSE)

# 3. write.table with tabs and row names: the header has one field fewer.
write.table(cross, file.path(here, "r-write-table.tsv"), sep = "\t", quote = FALSE)

# 4. One indicator with years as columns, as read.csv names them (X2015 …).
wide <- reshape(panel[, c("name", "year", "life_expectancy")], idvar = "name", timevar = "year",
                direction = "wide")
names(wide) <- c("country", paste0("X", years))
write.csv(wide, file.path(here, "r-wide-years.csv"), row.names = FALSE, na = "")

refs <- data.frame(
  case = c("r-write-csv", "r-write-csv2", "r-write-table", "r-wide-years"),
  statistic = c("r", "r", "n", "mean"),
  value = c(cor(cross$gdp_per_capita, cross$life_expectancy),
            cor(long$gdp_per_capita[long$year == 2017], long$life_expectancy[long$year == 2017]),
            nrow(cross),
            mean(wide$X2016, na.rm = TRUE)))
write.csv(refs, file.path(here, "references-r.csv"), row.names = FALSE)
