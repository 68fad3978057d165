using System.Text;
using CsCheck;
using MfaEmulator.Emulator;

namespace MfaEmulator.Tests.Emulator;

/// <summary>The strict-JSON check's one-pass shortcut never lets through what the full check refuses.</summary>
public sealed class StrictJsonTests
{
    [Theory]
    [InlineData("""{"login_protect": {"enabled": true, "verification_method": "vmfa"}}""")]
    [InlineData("""{"a": [1, {"b": null, "c": "x"}, []], "b": {"a": 1}}""" + "\n")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    public void Plain_strict_bodies_take_the_shortcut(string json)
    {
        Assert.True(RequestBody.IsPlainlyStrict(Encoding.UTF8.GetBytes(json)));
        Assert.Null(RequestBody.Problem(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("""{"a": 1, "a": 2}""", "appears twice")]
    [InlineData("""{"x": {"a": 1, "b": {}, "a": 2}}""", "appears twice")]
    [InlineData("""{"a": 1, "\u0061": 2}""", "appears twice")]
    [InlineData("""{"a": "\ud800"}""", "lone surrogate")]
    [InlineData("""{"a": 1,}""", "not valid JSON")]
    [InlineData("""{"a": 1} x""", "not valid JSON")]
    [InlineData("   ", "not valid JSON")]
    public void Refused_bodies_are_worded_by_the_full_check(string json, string detail)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.False(RequestBody.IsPlainlyStrict(bytes));
        Assert.Contains(detail, RequestBody.Problem(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_past_the_limit_is_refused()
    {
        var deep = Encoding.UTF8.GetBytes(new string('[', RequestBody.MaxDepth + 1) + new string(']', RequestBody.MaxDepth + 1));
        Assert.False(RequestBody.IsPlainlyStrict(deep));
        Assert.Contains("nests deeper", RequestBody.Problem(deep), StringComparison.Ordinal);
        var limit = Encoding.UTF8.GetBytes(new string('[', RequestBody.MaxDepth) + new string(']', RequestBody.MaxDepth));
        Assert.True(RequestBody.IsPlainlyStrict(limit));
    }

    /// <summary>
    /// Generated documents of up to three levels whose objects draw their names from three (so names repeat, some
    /// escaped), scalars that include escapes and lone surrogates, some then broken by a stray piece or raw bytes.
    /// </summary>
    [Fact]
    public void The_shortcut_accepts_only_what_the_full_check_accepts()
    {
        var scalar = Gen.OneOf(Gen.Const("1"), Gen.Const("true"), Gen.Const("null"), Gen.Const("\"x\""), Gen.Const("\"\\u0061\""),
            Gen.Const("\"\\ud800\""), Gen.Const("\"\u00e9\""));
        var name = Gen.OneOf(Gen.Const("a"), Gen.Const("b"), Gen.Const("c"), Gen.Const("\\u0061"));
        Gen<string> Level(Gen<string> inner) => Gen.OneOf(
            scalar,
            Gen.Select(name, inner).Array[0, 4].Select(members => "{" + string.Join(",", members.Select(m => $"\"{m.Item1}\": {m.Item2}")) + "}"),
            inner.Array[0, 3].Select(items => "[" + string.Join(",", items) + "]"));
        var document = Level(Level(Level(scalar)));
        var stray = Gen.OneOf(Gen.Const(","), Gen.Const("}"), Gen.Const("\"a\":"), Gen.Const(" x"), Gen.Const("\u00ff"));
        var body = Gen.Frequency(
            (6, document.Select(d => Encoding.UTF8.GetBytes(d))),
            (2, Gen.Select(document, stray, Gen.Int[0, 1000]).Select(t => Encoding.UTF8.GetBytes(t.Item1.Insert(t.Item3 % (t.Item1.Length + 1), t.Item2)))),
            (1, Gen.Byte.Array[0, 24]));
        var shortcuts = 0;
        body.Sample(bytes =>
        {
            if (RequestBody.IsPlainlyStrict(bytes))
            {
                Interlocked.Increment(ref shortcuts);
                Assert.Null(RequestBody.FullProblem(bytes));
            }
        }, iter: 20_000);
        Assert.True(shortcuts > 1_000, $"only {shortcuts} of the generated bodies took the shortcut");
    }
}
