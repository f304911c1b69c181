using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Akka.Event;
using ActorKeys.Actors.Registry;
using ActorKeys.Actors.Server;

namespace ActorKeys.Actors.Core;

/// <summary>The edge's key ring changed (a key loaded or retired): publish what this node holds now.</summary>
public sealed record HeldKeysChanged
{
    public static readonly HeldKeysChanged Instance = new();
}

/// <summary>KeyAuthority's view of what the cluster agreed on (the replicated half of the lifecycle).</summary>
public sealed record ReplicatedLifecycle(LifecycleView View);

/// <summary>
/// In the core system, one per node: shares this node's registry decisions with every member through
/// Akka.DistributedData and hands what the cluster agreed on to the edge's key authority.
/// </summary>
/// <remarks>
/// <para>
/// Minimum epochs are an <see cref="LWWDictionary{TKey,TValue}"/> whose clock is the epoch itself, so the highest value
/// wins and nothing can lower it, however writes interleave. Master key states use the state's rank (current, retiring,
/// retired) the same way: a key only ever moves forward. Which node holds which keyIds is a plain LWW entry per node, for
/// <c>cluster status</c>.
/// </para>
/// <para>
/// A revocation is written with <c>WriteAll</c> and, if that times out (a member unreachable), again with
/// <c>WriteMajority</c>; gossip brings it to the rest. Both keys are durable (<see cref="SqliteDurableStore"/>).
/// </para>
/// </remarks>
public sealed class LifecycleReplicator : ReceiveActor
{
    public const string Name = "lifecycle";

    public static readonly LWWDictionaryKey<string, long> MinimumEpochsKey = new("actorkeys-min-epochs");
    public static readonly LWWDictionaryKey<string, int> MasterKeysKey = new("actorkeys-master-keys");
    public static readonly LWWDictionaryKey<string, string> KeyHoldersKey = new("actorkeys-key-holders");

    private static readonly Clock<long> EpochClock = (_, epoch) => epoch;
    private static readonly Clock<int> RankClock = (_, rank) => rank;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _replicator = DistributedData.Get(Context.System).Replicator;
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly IActorRef _authority;
    private readonly Func<IReadOnlyCollection<string>> _heldKeyIds;
    private readonly TimeSpan _writeAllTimeout;
    private LWWDictionary<string, long> _minimums = LWWDictionary<string, long>.Empty;
    private LWWDictionary<string, int> _masterKeys = LWWDictionary<string, int>.Empty;

    /// <param name="authority">The edge's key authority, in the same process.</param>
    /// <param name="heldKeyIds">The keyIds this node's ring holds now (thread-safe to read).</param>
    public LifecycleReplicator(IActorRef authority, Func<IReadOnlyCollection<string>> heldKeyIds, TimeSpan writeAllTimeout)
    {
        _authority = authority;
        _heldKeyIds = heldKeyIds;
        _writeAllTimeout = writeAllTimeout;
        Receive<RegistryChanged>(changed => Publish(changed.Snapshot));
        Receive<HeldKeysChanged>(_ => PublishHeld());
        Receive<Changed>(c => c.Key.Equals(MinimumEpochsKey), c =>
        {
            _minimums = c.Get(MinimumEpochsKey);
            TellAuthority();
        });
        Receive<Changed>(c => c.Key.Equals(MasterKeysKey), c =>
        {
            _masterKeys = c.Get(MasterKeysKey);
            TellAuthority();
        });
        Receive<Changed>(_ => { });
        Receive<UpdateSuccess>(_ => { });
        Receive<UpdateTimeout>(timeout => OnUpdateTimeout(timeout));
        Receive<IUpdateFailure>(failure => _log.Error("A lifecycle change could not be replicated: {0}", failure.GetType().Name));
    }

    public static Props Props(IActorRef authority, Func<IReadOnlyCollection<string>> heldKeyIds, TimeSpan writeAllTimeout) =>
        Akka.Actor.Props.Create(() => new LifecycleReplicator(authority, heldKeyIds, writeAllTimeout));

    protected override void PreStart()
    {
        _replicator.Tell(Dsl.Subscribe(MinimumEpochsKey, Self));
        _replicator.Tell(Dsl.Subscribe(MasterKeysKey, Self));
    }

    /// <summary>Writes what this node's registry decided and the cluster does not know yet; never lowers anything.</summary>
    private void Publish(RegistrySnapshot snapshot)
    {
        var raised = snapshot.MinimumEpochs.Where(e => e.Value > 0 && e.Value > Minimum(e.Key)).ToList();
        if (raised.Count > 0)
        {
            Update(MinimumEpochsKey, LWWDictionary<string, long>.Empty, raised, (d, e) => d.SetItem(_cluster, e.Key, (long)e.Value, EpochClock));
        }
        var moved = snapshot.MasterKeys.Values.Where(k => Rank(k.State) > RankOf(k.KeyId)).ToList();
        if (moved.Count > 0)
        {
            Update(MasterKeysKey, LWWDictionary<string, int>.Empty, moved, (d, k) => d.SetItem(_cluster, k.KeyId, Rank(k.State), RankClock));
        }
        PublishHeld();
    }

    /// <summary>Which master keyIds this node's ring holds, for <c>cluster status</c> and the issuing commands' check.</summary>
    private void PublishHeld()
    {
        var held = string.Join(",", _heldKeyIds().Order(StringComparer.Ordinal));
        _replicator.Tell(Dsl.Update(KeyHoldersKey, LWWDictionary<string, string>.Empty, WriteLocal.Instance,
            d => d.SetItem(_cluster, _cluster.SelfAddress.ToString(), held)));
    }

    private void Update<TData, TItem>(IKey<TData> key, TData initial, IReadOnlyList<TItem> items, Func<TData, TItem, TData> apply)
        where TData : IReplicatedData
    {
        Func<TData, TData> modify = data => items.Aggregate(data, apply);
        _replicator.Tell(Dsl.Update(key, initial, new WriteAll(_writeAllTimeout), modify, modify));
    }

    /// <summary>A member did not acknowledge in time: the change is kept locally; a majority is enough, gossip does the rest.</summary>
    private void OnUpdateTimeout(UpdateTimeout timeout)
    {
        _log.Warning("A lifecycle change did not reach every member within {0}; writing it to a majority", _writeAllTimeout);
        switch (timeout.Key)
        {
            case LWWDictionaryKey<string, long> when timeout.Request is Func<LWWDictionary<string, long>, LWWDictionary<string, long>> m:
                _replicator.Tell(Dsl.Update(MinimumEpochsKey, LWWDictionary<string, long>.Empty, new WriteMajority(_writeAllTimeout), m));
                break;
            case LWWDictionaryKey<string, int> when timeout.Request is Func<LWWDictionary<string, int>, LWWDictionary<string, int>> m:
                _replicator.Tell(Dsl.Update(MasterKeysKey, LWWDictionary<string, int>.Empty, new WriteMajority(_writeAllTimeout), m));
                break;
        }
    }

    private void TellAuthority() => _authority.Tell(new ReplicatedLifecycle(new LifecycleView(
        _minimums.Entries.ToDictionary(e => e.Key, e => (uint)Math.Clamp(e.Value, 0, uint.MaxValue), StringComparer.Ordinal),
        _masterKeys.Entries.ToDictionary(e => e.Key, e => StateOf(e.Value), StringComparer.Ordinal))), Self);

    private long Minimum(string clientId) => _minimums.TryGetValue(clientId, out var epoch) ? epoch : 0;

    private int RankOf(string keyId) => _masterKeys.TryGetValue(keyId, out var rank) ? rank : -1;

    public static int Rank(MasterKeyState state) => (int)state;

    private static MasterKeyState StateOf(int rank) => Enum.IsDefined((MasterKeyState)rank) ? (MasterKeyState)rank : MasterKeyState.Retired;
}
