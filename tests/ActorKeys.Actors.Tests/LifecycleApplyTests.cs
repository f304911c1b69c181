using ActorKeys.Actors.Configuration;
using ActorKeys.Actors.Registry;
using ActorKeys.Actors.Server;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Actors.Tests;

/// <summary>
/// How the key authority's state applies a registry view: a retirement is never skipped (whatever the order of the
/// entries, even of the key the ring holds as current), and a running server never steps back (a lowered minimum epoch
/// or an un-retired key, as a restored backup would bring, is refused and reported).
/// </summary>
public sealed class LifecycleApplyTests
{
    private static LifecycleView View(IReadOnlyDictionary<string, uint>? minimums, params (string KeyId, MasterKeyState State)[] keys) =>
        new(minimums ?? new Dictionary<string, uint>(), keys.ToDictionary(k => k.KeyId, k => k.State));

    private static KeyAuthorityState State(params MasterSecret[] keys)
    {
        var config = ActorKeysConfig.Build(SystemRole.Server, null, new ConfigOverrides { Port = 0 }, "");
        var ring = new MasterKeyRing(new MasterSecret(keys[0].ExportSecret()));
        foreach (var key in keys.Skip(1))
        {
            ring.Add(new MasterSecret(key.ExportSecret()));
        }
        return new KeyAuthorityState(ring, "akka.tcp://actorkeys-server@127.0.0.1:4053", ServerSettings.From(config), TimeProvider.System);
    }

    [Fact]
    public void Retiring_the_key_the_ring_holds_as_current_is_enforced_when_the_new_current_key_is_not_loaded()
    {
        using var old = MasterSecret.Generate();
        using var notLoaded = MasterSecret.Generate();
        var state = State(old);
        state.Apply(View(null, (notLoaded.KeyIdHex, MasterKeyState.Current), (old.KeyIdHex, MasterKeyState.Retiring)));

        var (revocations, problems) = state.Apply(View(null, (notLoaded.KeyIdHex, MasterKeyState.Current), (old.KeyIdHex, MasterKeyState.Retired)));

        Assert.DoesNotContain(old.KeyIdHex, (IReadOnlySet<string>)state.Lifecycle.Current.AcceptedKeyIds);
        Assert.Null(state.Ring.Find(old.KeyId));
        Assert.Equal(1, revocations);
        Assert.Contains(problems, p => p.Contains("every master key this server held is retired", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_retired_key_is_dropped_whatever_the_order_of_the_registry_entries(bool retiredFirst)
    {
        using var retired = MasterSecret.Generate();
        using var current = MasterSecret.Generate();
        var state = State(retired, current); // the ring starts with the soon-retired key as its current one
        var entries = new[] { (retired.KeyIdHex, MasterKeyState.Retired), (current.KeyIdHex, MasterKeyState.Current) };

        state.Apply(View(null, retiredFirst ? entries : [.. entries.Reverse()]));

        Assert.Equal([current.KeyIdHex], state.Lifecycle.Current.AcceptedKeyIds);
        Assert.Equal(current.KeyIdHex, state.Ring.Current!.KeyIdHex);
    }

    [Fact]
    public void A_lowered_minimum_epoch_or_an_unretired_key_is_kept_as_it_was_and_reported()
    {
        using var current = MasterSecret.Generate();
        using var retired = MasterSecret.Generate();
        var state = State(current, retired);
        state.Apply(View(new Dictionary<string, uint> { ["1"] = 3 }, (current.KeyIdHex, MasterKeyState.Current), (retired.KeyIdHex, MasterKeyState.Retired)));

        var (revocations, problems) = state.Apply(View(new Dictionary<string, uint> { ["1"] = 1 },
            (current.KeyIdHex, MasterKeyState.Current), (retired.KeyIdHex, MasterKeyState.Retiring)));

        Assert.Equal(3u, state.Lifecycle.Current.View.MinimumEpoch("1"));
        Assert.False(state.Lifecycle.Current.Allows("1", 2, current.KeyIdHex));
        Assert.DoesNotContain(retired.KeyIdHex, (IReadOnlySet<string>)state.Lifecycle.Current.AcceptedKeyIds);
        Assert.Equal(0, revocations);
        Assert.Equal(2, problems.Count);
    }
}
