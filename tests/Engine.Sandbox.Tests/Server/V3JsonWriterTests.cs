using System.Text;
using CsCheck;
using Engine.Core.Primitives;
using Engine.Sandbox.Server.Json;
using Xunit;

namespace Engine.Sandbox.Tests.Server;

/// <summary>The serialiser reuses one writer per thread; documents written inside documents and from many threads stay intact.</summary>
public sealed class V3JsonWriterTests
{
    [Fact]
    public void A_document_written_while_writing_another_gets_its_own_writer()
    {
        byte[]? inner = null;
        var outer = V3Json.Bytes(w =>
        {
            w.WriteStartObject();
            w.WriteString("a", "1");
            inner = V3Json.Bytes(x =>
            {
                x.WriteStartObject();
                x.WriteString("b", "2");
                x.WriteEndObject();
            });
            w.WriteString("c", "3");
            w.WriteEndObject();
        });
        Assert.Equal("""{"a":"1","c":"3"}""", Encoding.UTF8.GetString(outer));
        Assert.Equal("""{"b":"2"}""", Encoding.UTF8.GetString(inner!));
    }

    [Fact]
    public void Book_level_values_are_written_in_shortest_exact_form_on_any_thread()
    {
        Gen.Long[0, long.MaxValue].Sample(units =>
        {
            var text = Encoding.UTF8.GetString(V3Json.Bytes(w => V3Json.OrderbookUpdate(w, 7,
                [new Exchange.Queries.PublicBookLevel(new Price(units), new Quantity(units), 7)], [])));
            string expected = FixedPoint.Format(units);
            Assert.Equal($$"""{"offset":"7","bids":[["{{expected}}","{{expected}}"]],"asks":[]}""", text);
        }, threads: 4);
    }
}
