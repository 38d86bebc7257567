// A header checkbox with data-select-all="name" ticks or unticks every checkbox of that name.
document.addEventListener("change", (event) => {
  const box = event.target;
  const name = box instanceof HTMLInputElement ? box.dataset.selectAll : undefined;
  if (!name) return;
  for (const other of box.form.querySelectorAll(`input[type=checkbox][name="${name}"]`)) {
    other.checked = box.checked;
  }
});
