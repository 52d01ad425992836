//! Column buffers: one row group's worth of values and levels per leaf.
//!
//! The low-level Parquet writer takes whole columns, one after the other,
//! while articles arrive row by row; these buffers transpose between the
//! two and are emptied at every row group, which is what bounds memory.

use std::io::Write;

use parquet::basic::Type as PhysicalType;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::errors::{ParquetError, Result};
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::SchemaDescriptor;

/// One value to append to a leaf column.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Value<'a> {
    Str(&'a str),
    Int64(i64),
    Int32(i32),
    Double(f64),
    Bool(bool),
}

/// The buffered values of one leaf, typed by its physical type.
#[derive(Debug)]
enum Values {
    Bytes(Vec<ByteArray>),
    Int64(Vec<i64>),
    Int32(Vec<i32>),
    Double(Vec<f64>),
    Bool(Vec<bool>),
}

/// One leaf column of the schema with its pending values and levels.
#[derive(Debug)]
pub(crate) struct Leaf {
    path: String,
    max_def: i16,
    max_rep: i16,
    values: Values,
    def: Vec<i16>,
    rep: Vec<i16>,
}

impl Leaf {
    /// The definition level of a value present in this leaf.
    pub(crate) fn max_def(&self) -> i16 {
        self.max_def
    }

    /// Appends one slot: a value (which must be at `max_def`) or a null /
    /// empty list at a lower definition level. Returns its size in bytes.
    pub(crate) fn put(&mut self, value: Option<Value<'_>>, def: i16, rep: i16) -> usize {
        debug_assert!(
            value.is_some() == (def == self.max_def),
            "{}: def {def}",
            self.path
        );
        // Levels are only stored for leaves that can have them, as the
        // writer rejects levels where the schema allows none.
        if self.max_def > 0 {
            self.def.push(def);
        }
        if self.max_rep > 0 {
            self.rep.push(rep);
        }
        let Some(value) = value else {
            return 2;
        };
        match (&mut self.values, value) {
            (Values::Bytes(v), Value::Str(s)) => {
                v.push(ByteArray::from(s));
                s.len() + 4
            }
            (Values::Int64(v), Value::Int64(n)) => {
                v.push(n);
                8
            }
            (Values::Int32(v), Value::Int32(n)) => {
                v.push(n);
                4
            }
            (Values::Double(v), Value::Double(x)) => {
                v.push(x);
                8
            }
            (Values::Bool(v), Value::Bool(b)) => {
                v.push(b);
                1
            }
            (_, value) => unreachable!("{} cannot hold {value:?}", self.path),
        }
    }

    fn clear(&mut self) {
        match &mut self.values {
            Values::Bytes(v) => v.clear(),
            Values::Int64(v) => v.clear(),
            Values::Int32(v) => v.clear(),
            Values::Double(v) => v.clear(),
            Values::Bool(v) => v.clear(),
        }
        self.def.clear();
        self.rep.clear();
    }
}

/// Every leaf of the schema, in schema order, plus a cursor for the row
/// being appended.
#[derive(Debug)]
pub(crate) struct Columns {
    leaves: Vec<Leaf>,
    next: usize,
    /// Rows buffered since the last row group.
    pub(crate) rows: usize,
    /// Approximate bytes buffered since the last row group.
    pub(crate) bytes: usize,
}

impl Columns {
    /// Empty buffers for every leaf of `schema`.
    pub(crate) fn new(schema: &SchemaDescriptor) -> Self {
        let leaves = schema
            .columns()
            .iter()
            .map(|col| Leaf {
                path: col.path().string(),
                max_def: col.max_def_level(),
                max_rep: col.max_rep_level(),
                values: match col.physical_type() {
                    PhysicalType::INT64 => Values::Int64(Vec::new()),
                    PhysicalType::INT32 => Values::Int32(Vec::new()),
                    PhysicalType::DOUBLE => Values::Double(Vec::new()),
                    PhysicalType::BOOLEAN => Values::Bool(Vec::new()),
                    _ => Values::Bytes(Vec::new()),
                },
                def: Vec::new(),
                rep: Vec::new(),
            })
            .collect();
        Self {
            leaves,
            next: 0,
            rows: 0,
            bytes: 0,
        }
    }

    /// The next leaf of the current row, which must be `path`: rows are
    /// encoded in schema order, and naming each leaf keeps the encoder
    /// honest when the schema changes.
    pub(crate) fn leaf(&mut self, path: &str) -> &mut Leaf {
        let leaf = &mut self.leaves[self.next];
        assert_eq!(leaf.path, path, "row encoded out of schema order");
        self.next += 1;
        leaf
    }

    /// Marks the current row complete.
    pub(crate) fn end_row(&mut self, bytes: usize) {
        assert_eq!(self.next, self.leaves.len(), "row misses columns");
        self.next = 0;
        self.rows += 1;
        self.bytes += bytes;
    }

    /// Writes the buffered rows as one row group and empties the buffers.
    pub(crate) fn write_row_group<W: Write + Send>(
        &mut self,
        file: &mut SerializedFileWriter<W>,
    ) -> Result<()> {
        let mut group = file.next_row_group()?;
        for leaf in &mut self.leaves {
            let mut column = group.next_column()?.ok_or_else(|| {
                ParquetError::General(format!("the schema has no column {}", leaf.path))
            })?;
            let def = (leaf.max_def > 0).then_some(&leaf.def[..]);
            let rep = (leaf.max_rep > 0).then_some(&leaf.rep[..]);
            match &leaf.values {
                Values::Bytes(v) => column.typed::<ByteArrayType>().write_batch(v, def, rep)?,
                Values::Int64(v) => column.typed::<Int64Type>().write_batch(v, def, rep)?,
                Values::Int32(v) => column.typed::<Int32Type>().write_batch(v, def, rep)?,
                Values::Double(v) => column.typed::<DoubleType>().write_batch(v, def, rep)?,
                Values::Bool(v) => column.typed::<BoolType>().write_batch(v, def, rep)?,
            };
            column.close()?;
            leaf.clear();
        }
        group.close()?;
        self.rows = 0;
        self.bytes = 0;
        Ok(())
    }
}
