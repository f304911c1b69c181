using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ActorKeys.Testing;

/// <summary>
/// Everything one <see cref="Meter"/> instance measures, read with a <see cref="MeterListener"/>. It listens to that
/// instance only (<c>instrument.Meter == meter</c>), not to the name: every server system in a test process has a meter
/// named <c>ActorKeys</c>, and a test must count its own server's measurements, not a neighbour's.
/// </summary>
public sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measured> _measured = new();

    public MeterRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == meter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        _listener.Start();
    }

    /// <summary>The sum of every measurement of <paramref name="instrument"/>, only those with the tag when one is given.</summary>
    public double Sum(string instrument, string? tag = null, string? value = null) => Matching(instrument, tag, value).Sum(m => m.Value);

    /// <summary>How many measurements <paramref name="instrument"/> took (a histogram's count).</summary>
    public int Count(string instrument) => Matching(instrument, null, null).Count();

    /// <summary>Every value a histogram recorded.</summary>
    public IReadOnlyList<double> Values(string instrument) => [.. Matching(instrument, null, null).Select(m => m.Value)];

    /// <summary>Observes the gauges now and returns <paramref name="instrument"/>'s value with the tag (or the sum over its tags).</summary>
    public double Observe(string instrument, string? tag = null, string? value = null)
    {
        var before = _measured.Count;
        _listener.RecordObservableInstruments();
        return _measured.Skip(before).Where(m => Matches(m, instrument, tag, value)).Sum(m => m.Value);
    }

    /// <summary>The tag keys and values <paramref name="instrument"/> has carried, for checking that nothing else appears.</summary>
    public IReadOnlySet<string> TagsOf(string instrument) =>
        Matching(instrument, null, null).SelectMany(m => m.Tags.Select(t => $"{t.Key}={t.Value}")).ToHashSet();

    public IReadOnlySet<string> InstrumentNames => _measured.Select(m => m.Instrument).ToHashSet();

    private IEnumerable<Measured> Matching(string instrument, string? tag, string? value) =>
        _measured.Where(m => Matches(m, instrument, tag, value));

    private static bool Matches(Measured m, string instrument, string? tag, string? value) =>
        m.Instrument == instrument && (tag is null || m.Tags.Any(t => t.Key == tag && Equals(t.Value as string, value)));

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measured.Enqueue(new Measured(instrument.Name, value, tags.ToArray()));

    public void Dispose() => _listener.Dispose();

    private sealed record Measured(string Instrument, double Value, KeyValuePair<string, object?>[] Tags);
}
