using System.Data;
using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Audit.Tests.Storage;

public sealed class StoredRowsTests
{
    /// <summary>Pages of a real log outgrow the initial buffers many times over; every row must survive each growth.</summary>
    [Fact]
    public void Add_RowsFarBeyondTheInitialBuffers_KeepsEveryKeyAndValue()
    {
        var rows = new StoredRows();

        for (var i = 0; i < 2000; i++)
        {
            rows.Add(i * 3, Value(i));
        }

        AssertRows(rows, 2000);
    }

    [Fact]
    public void Add_FromAReaderFarBeyondTheInitialBuffers_KeepsEveryKeyAndValue()
    {
        using var table = new DataTable();
        table.Columns.Add("key", typeof(long));
        table.Columns.Add("value", typeof(byte[]));
        for (var i = 0; i < 2000; i++)
        {
            table.Rows.Add(i * 3L, Value(i));
        }

        var rows = new StoredRows();
        using var reader = table.CreateDataReader();
        while (reader.Read())
        {
            rows.Add(reader.GetInt64(0), reader, 1);
        }

        AssertRows(rows, 2000);
    }

    private static byte[] Value(int i) => [.. Enumerable.Range(0, 100 + (i % 900)).Select(b => (byte)(b + i))];

    private static void AssertRows(StoredRows rows, int count)
    {
        Assert.Equal(count, rows.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(i * 3L, rows.Key(i));
            Assert.Equal(Value(i), rows.Value(i).ToArray());
        }
    }
}
