using CsCheck;
using Engine.Core.Book;
using Xunit;

namespace Engine.Core.Tests.Book;

/// <summary>The tombstone hash table behaves as a dictionary, including across growth, deletion and pruning.</summary>
public sealed class TombstoneTableTests
{
    // Op: 0 set, 1 remove, 2 drop oldest (keep = value % 64). Few distinct keys, so probe runs collide and wrap.
    private static readonly Gen<(int Op, long Key, long Offset)> OpGen =
        Gen.Select(Gen.Int[0, 9].Select(i => i < 6 ? 0 : i < 9 ? 1 : 2), Gen.OneOf(Gen.Long[-40, 40], Gen.Long), Gen.Long[0, 1_000]);

    [Fact]
    public void Matches_a_dictionary_under_any_sequence_of_operations()
    {
        OpGen.List[0, 400].Sample(ops =>
        {
            var table = new TombstoneTable(initialCapacity: 1);
            var model = new Dictionary<long, long>();
            foreach (var (op, key, offset) in ops)
            {
                switch (op)
                {
                    case 0:
                        table.Set(key, offset);
                        model[key] = offset;
                        break;
                    case 1:
                        Assert.Equal(model.Remove(key), table.Remove(key));
                        break;
                    default:
                        int keep = (int)(offset % 64);
                        long threshold = table.DropOldest(keep);
                        if (model.Count > keep)
                        {
                            long expected = model.Values.Order().ElementAt(model.Count - keep - 1);
                            Assert.Equal(expected, threshold);
                            foreach (var k in model.Where(p => p.Value <= expected).Select(p => p.Key).ToList()) model.Remove(k);
                        }
                        else Assert.Equal(long.MinValue, threshold);
                        break;
                }
                Assert.Equal(model.Count, table.Count);
            }
            foreach (var (k, v) in model)
            {
                Assert.True(table.TryGet(k, out long got));
                Assert.Equal(v, got);
            }
            for (long k = -40; k <= 40; k++)
                Assert.Equal(model.ContainsKey(k), table.TryGet(k, out _));
        }, iter: 2_000);
    }
}
