using System.Text.Json;
using System.Text.Json.Serialization;

namespace MfaEmulator.Common.Store;

/// <summary>
/// Where a store tells each change of its records as it makes it (under its own lock, so the order of the log is the
/// order of the changes): a record put, a record removed, or everything cleared. <c>--state-file</c> appends them to
/// its change log, so the cost of saving a change is the change's size, not the state's; replaying them in order
/// over the last snapshot gives the state back (<see cref="IEmulatorStore.Replay"/>). Every record is whole, so a
/// record replayed over a snapshot that already holds it changes nothing.
/// </summary>
internal interface IStateChangeLog
{
    void Put<T>(IEmulatorStore store, string table, string key, T value);

    void Remove(IEmulatorStore store, string table, string key);

    /// <summary>Every table of the store emptied (a reset or a restore; what they add back is told as puts).</summary>
    void Clear(IEmulatorStore store);
}

/// <summary>The log when nothing is kept (no <c>--state-file</c>, benchmarks).</summary>
internal sealed class NoStateChangeLog : IStateChangeLog
{
    public static readonly NoStateChangeLog Instance = new();

    public void Put<T>(IEmulatorStore store, string table, string key, T value)
    {
    }

    public void Remove(IEmulatorStore store, string table, string key)
    {
    }

    public void Clear(IEmulatorStore store)
    {
    }
}

/// <summary>One change as the log holds it: <c>{"store","table","key","value"}</c> (no value: removed), or <c>{"store","clear":true}</c>.</summary>
internal sealed record StateChange(
    [property: JsonPropertyName("store")] string Store,
    [property: JsonPropertyName("table")] string? Table = null,
    [property: JsonPropertyName("key")] string? Key = null,
    [property: JsonPropertyName("value")] JsonElement? Value = null,
    [property: JsonPropertyName("clear")] bool Clear = false)
{
    public bool IsRemoval => Value is null or { ValueKind: JsonValueKind.Null };

    /// <summary>The record's key; a put or removal without one does not fit.</summary>
    public string RequiredKey => Key ?? throw new InvalidStateException($"a change of '{Store}' has no key");

    /// <summary>The put record, read as strictly as a snapshot's; null for a removal.</summary>
    public T? ValueAs<T>() where T : class => IsRemoval ? null : StateSchema.Read<T>(Value!.Value, $"{Store}.{Table}.{Key}");

    /// <summary>The put record, which must be the one its key names.</summary>
    public T? ValueAs<T>(Func<T, string> keyOf) where T : class
    {
        var value = ValueAs<T>();
        if (value is not null && keyOf(value) != Key)
        {
            throw new InvalidStateException($"the change of '{Store}.{Table}.{Key}' holds '{keyOf(value)}'");
        }
        return value;
    }

    public InvalidStateException UnknownTable() => new($"'{Store}' has no table '{Table}'");

    public void RequireTable(string table)
    {
        if (Table != table)
        {
            throw UnknownTable();
        }
    }

    /// <summary>What every store's <see cref="IEmulatorStore.Replay"/> shares: under its lock, a clear empties it, any other change is applied by key.</summary>
    public void ReplayUnder(Lock gate, Action clear, Action<string> apply)
    {
        lock (gate)
        {
            if (Clear)
            {
                clear();
                return;
            }
            apply(RequiredKey);
        }
    }
}
