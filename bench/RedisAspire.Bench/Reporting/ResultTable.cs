using System.Globalization;
using System.Text;

namespace RedisAspire.Bench.Reporting;

/// <summary>Renders a suite's rows as a Markdown table: median, min, max, baseline median, ratio and difference, goal.</summary>
public static class ResultTable
{
    public static string Render(string title, IReadOnlyList<TableRow> rows, IReadOnlyList<string> notes)
    {
        var text = new StringBuilder();
        text.Append("### ").AppendLine(title).AppendLine();
        text.AppendLine("| measurement | unit | runs | median | min | max | baseline (median) | ratio | Δ median | goal | met |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var row in rows)
        {
            var measurement = row.Measurement;
            if (measurement.Samples.Count == 0)
            {
                text.Append("| ").Append(measurement.Name).Append(" | ").Append(measurement.Unit)
                    .AppendLine(" | 0 | n/a | n/a | n/a | | | | | no samples |");
                continue;
            }

            var stats = Stats.Of([.. measurement.Samples]);
            var baseline = row.Baseline is { Samples.Count: > 0 } b ? Stats.Of([.. b.Samples]) : null;
            var met = row.Goal is null ? "" : row.Goal(stats.Median, baseline?.Median) ? "yes" : "**no**";
            text.Append("| ").Append(measurement.Name)
                .Append(" | ").Append(measurement.Unit)
                .Append(" | ").Append(stats.Count.ToString(CultureInfo.InvariantCulture))
                .Append(" | ").Append(Format(stats.Median))
                .Append(" | ").Append(Format(stats.Min))
                .Append(" | ").Append(Format(stats.Max))
                .Append(" | ").Append(baseline is null ? "" : $"{Format(baseline.Median)} ({row.Baseline!.Name})")
                .Append(" | ").Append(baseline is null || baseline.Median == 0 ? "" : (stats.Median / baseline.Median).ToString("0.00", CultureInfo.InvariantCulture) + "×")
                .Append(" | ").Append(baseline is null ? "" : FormatSigned(stats.Median - baseline.Median))
                .Append(" | ").Append(row.GoalText)
                .Append(" | ").Append(met)
                .AppendLine(" |");
        }

        if (notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in notes)
            {
                text.Append("- ").AppendLine(note);
            }
        }

        return text.ToString();
    }

    /// <summary>Three significant decimals for small values, whole numbers for large ones.</summary>
    public static string Format(double value) =>
        Math.Abs(value) >= 1000 ? value.ToString("0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 100 ? value.ToString("0.0", CultureInfo.InvariantCulture)
        : value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string FormatSigned(double value) => (value >= 0 ? "+" : "") + Format(value);
}
