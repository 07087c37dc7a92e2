namespace RedisAspire.Bench.Reporting;

/// <summary>The samples of one table row, one per measured run, in the row's unit.</summary>
public sealed class Measurement(string name, string unit)
{
    private readonly List<double> _samples = [];

    public string Name { get; } = name;

    /// <summary>E.g. <c>s</c>, <c>req/s</c>, <c>MiB</c>.</summary>
    public string Unit { get; } = unit;

    public IReadOnlyList<double> Samples => _samples;

    public void Add(double sample) => _samples.Add(sample);

    public override string ToString() => $"{Name} [{Unit}]";
}
